-- Argo CD health check for raffinerie.io/DataEnvironment (Lua 5.1, as Argo CD runs it).
-- Healthy: Ready=True (its namespace, policies, bindings and quota are provisioned).
-- Degraded: Ready=False (the reason and message name the problem).
-- Progressing: no Ready condition yet, Ready=Unknown, or the operator has not observed the latest generation.
local hs = {status = "Progressing", message = "Waiting for the operator to reconcile the DataEnvironment"}
if obj.status == nil or obj.status.conditions == nil then
  return hs
end
local ready = nil
for _, condition in ipairs(obj.status.conditions) do
  if condition.type == "Ready" then
    ready = condition
  end
end
if ready == nil then
  return hs
end
local generation = obj.metadata ~= nil and obj.metadata.generation or nil
local observed = ready.observedGeneration or obj.status.observedGeneration
if generation ~= nil and observed ~= nil and observed < generation then
  hs.message = "Waiting for the operator to observe generation " .. string.format("%d", generation)
  return hs
end
local message = ready.reason or ""
if ready.message ~= nil and ready.message ~= "" then
  if message ~= "" then
    message = message .. ": "
  end
  message = message .. ready.message
end
if ready.status == "True" then
  hs.status = "Healthy"
elseif ready.status == "False" then
  hs.status = "Degraded"
end
hs.message = message
return hs
