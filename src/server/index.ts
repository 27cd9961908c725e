export { startServer, type RunningServer, type ServerOptions } from './server.js';
export { quickModeConfig, defaultStateDir, parseListen, type QuickModeOptions } from './quick-mode.js';
export { explainRequest, type Explanation } from './explain.js';
