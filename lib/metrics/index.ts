import "server-only";

export { metrics, type Metrics } from "./registry";
export { harborOperation, observeHarborCall } from "./harbor";
export { observeWorkerEvent } from "./jobs";
export { registerStateGauges, readState } from "./state";
export { metricsAnswer, startMetricsServer } from "./endpoint";
export { observeHttp, buildRoutes, routeOf } from "./http";
