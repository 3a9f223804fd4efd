-- Argo CD health check for raffinerie.io/DataRun (Lua 5.1, as Argo CD runs it).
-- Healthy: phase Succeeded, or Cancelled (a run is only cancelled when its spec asks for it).
-- Degraded: phase Failed, or Ready=False (the run cannot start: the reason and message name the problem).
-- Progressing: no status or Ready condition yet, or phase Pending or Running.
local hs = {status = "Progressing", message = "Waiting for the operator to start the run"}
local status = obj.status
if status == nil then
  return hs
end
local ready = nil
if status.conditions ~= nil then
  for _, condition in ipairs(status.conditions) do
    if condition.type == "Ready" then
      ready = condition
    end
  end
end
local function describe(default)
  local text = default
  if status.progress ~= nil and status.progress ~= "" then
    text = text .. " (" .. status.progress .. " steps)"
  end
  if status.message ~= nil and status.message ~= "" then
    text = text .. ": " .. status.message
  end
  return text
end
local phase = status.phase
if phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = describe("Succeeded")
elseif phase == "Failed" then
  hs.status = "Degraded"
  hs.message = describe("Failed")
elseif phase == "Cancelled" then
  hs.status = "Healthy"
  hs.message = describe("Cancelled")
elseif ready ~= nil and ready.status == "False" then
  hs.status = "Degraded"
  hs.message = (ready.reason or "NotReady") .. ": " .. (ready.message or "")
elseif phase == "Running" or phase == "Pending" then
  hs.message = describe(phase)
elseif ready ~= nil then
  hs.message = describe("Accepted, waiting to start")
end
return hs
