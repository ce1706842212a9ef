// The dashboard's entry points for the composition root.
export { createDashboard, type Dashboard, isDashboardPath } from "./app.ts";
export type { DashboardConfig, DashboardDeps } from "./context.ts";
