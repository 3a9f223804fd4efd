-- Sample objects for the health checks: {kind, name, expected status, expected message pattern (optional), obj}.
local function ready(status, reason, message, observedGeneration)
  return {type = "Ready", status = status, reason = reason, message = message,
          observedGeneration = observedGeneration, lastTransitionTime = "2026-11-28T10:00:00Z"}
end

local cases = {}
local function case(kind, name, expected, pattern, obj)
  cases[#cases + 1] = {kind = kind, name = name, expected = expected, pattern = pattern, obj = obj}
end

for _, kind in ipairs({"DataEnvironment", "DataJob", "DataPipeline"}) do
  local function object(generation, status)
    return {apiVersion = "raffinerie.io/v1alpha1", kind = kind,
            metadata = {name = "sample", generation = generation}, spec = {}, status = status}
  end
  case(kind, "no status yet", "Progressing", "Waiting for the operator", object(1, nil))
  case(kind, "empty status", "Progressing", "Waiting", object(1, {}))
  case(kind, "no Ready condition", "Progressing", "Waiting",
       object(1, {conditions = {{type = "Other", status = "True"}}}))
  case(kind, "Ready=True", "Healthy", "^Valid: all good$",
       object(3, {observedGeneration = 3, conditions = {ready("True", "Valid", "all good", 3)}}))
  case(kind, "Ready=False", "Degraded", "^CycleDetected: spec.steps: the steps form a cycle",
       object(2, {observedGeneration = 2, conditions = {
         {type = "Other", status = "True"},
         ready("False", "CycleDetected", "spec.steps: the steps form a cycle: a -> b -> a", 2)}}))
  case(kind, "Ready=Unknown", "Progressing", nil,
       object(1, {conditions = {ready("Unknown", "Reconciling", "in progress", 1)}}))
  case(kind, "stale Ready=True", "Progressing", "observe generation 5$",
       object(5, {observedGeneration = 4, conditions = {ready("True", "Valid", "all good", 4)}}))
  case(kind, "stale Ready=False", "Progressing", "observe generation 5$",
       object(5, {conditions = {ready("False", "JobNotFound", "no such job", 4)}}))
  case(kind, "Ready=True, status-level observedGeneration", "Healthy", "^Provisioned$",
       object(2, {observedGeneration = 2, conditions = {{type = "Ready", status = "True", reason = "Provisioned"}}}))
  case(kind, "Ready=True without generation", "Healthy", nil,
       {apiVersion = "raffinerie.io/v1alpha1", kind = kind, metadata = {name = "sample"},
        status = {conditions = {ready("True", "Valid", "ok", nil)}}})
end

local function run(status)
  return {apiVersion = "raffinerie.io/v1alpha1", kind = "DataRun",
          metadata = {name = "daily-sales-8f2kq", namespace = "sales-dev", generation = 1},
          spec = {pipelineRef = "daily-sales"}, status = status}
end
case("DataRun", "no status yet", "Progressing", "Waiting for the operator", run(nil))
case("DataRun", "accepted, no phase", "Progressing", "Accepted",
     run({conditions = {ready("True", "Accepted", "the run is accepted", 1)}}))
case("DataRun", "no Ready condition, Pending", "Progressing", "^Pending",
     run({phase = "Pending"}))
case("DataRun", "Running", "Progressing", "^Running %(1/4 steps%)",
     run({phase = "Running", progress = "1/4", conditions = {ready("True", "Accepted", "the run is accepted", 1)}}))
case("DataRun", "Succeeded", "Healthy", "^Succeeded %(4/4 steps%)$",
     run({phase = "Succeeded", progress = "4/4", conditions = {ready("True", "Accepted", "the run is accepted", 1)}}))
case("DataRun", "Failed", "Degraded", "^Failed: step load failed",
     run({phase = "Failed", message = "step load failed with exit code 1",
          conditions = {ready("True", "Accepted", "the run is accepted", 1)}}))
case("DataRun", "Failed with Ready=False", "Degraded", nil,
     run({phase = "Failed", conditions = {ready("False", "JobNotFound", "no such job", 1)}}))
case("DataRun", "Cancelled", "Healthy", "^Cancelled",
     run({phase = "Cancelled", conditions = {ready("True", "Accepted", "the run is accepted", 1)}}))
case("DataRun", "refused: Ready=False before start", "Degraded", "^PipelineNotFound: spec.pipelineRef",
     run({phase = "Pending", conditions = {ready("False", "PipelineNotFound", "spec.pipelineRef: no DataPipeline daily-sales", 1)}}))
case("DataRun", "Ready=False without phase", "Degraded", "^NoEnvironment",
     run({conditions = {ready("False", "NoEnvironment", "namespace default is not an environment", 1)}}))
case("DataRun", "Succeeded outranks a stale Ready=False", "Healthy", nil,
     run({phase = "Succeeded", conditions = {ready("False", "EnvironmentNotReady", "", 1)}}))

return cases
