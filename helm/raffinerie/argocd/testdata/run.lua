-- Runs every case of cases.lua through the health check of its kind; exits 1 on any mismatch.
-- Usage: lua run.lua <argocd dir>
local dir = arg[1] or "."
local cases = dofile(dir .. "/testdata/cases.lua")
local failures, count = 0, 0
for _, c in ipairs(cases) do
  count = count + 1
  local env = setmetatable({obj = c.obj}, {__index = _G})
  local chunk, err = loadfile(dir .. "/health-" .. c.kind .. ".lua", "t", env)
  local ok, hs
  if chunk == nil then
    ok, hs = false, err
  else
    ok, hs = pcall(chunk)
  end
  local problem = nil
  if not ok then
    problem = "error: " .. tostring(hs)
  elseif type(hs) ~= "table" then
    problem = "returned " .. type(hs) .. " instead of a table"
  elseif hs.status ~= c.expected then
    problem = "status " .. tostring(hs.status) .. ", expected " .. c.expected
  elseif type(hs.message) ~= "string" then
    problem = "no message"
  elseif c.pattern ~= nil and not string.find(hs.message, c.pattern) then
    problem = "message \"" .. hs.message .. "\" does not match \"" .. c.pattern .. "\""
  end
  if problem == nil then
    print(string.format("ok   %-16s %-45s %-11s %s", c.kind, c.name, hs.status, hs.message))
  else
    failures = failures + 1
    print(string.format("FAIL %-16s %-45s %s", c.kind, c.name, problem))
  end
end
print(string.format("%d cases, %d failed", count, failures))
os.exit(failures == 0 and 0 or 1)
