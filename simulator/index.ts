/**
 * Public surface of the GWS v2 simulator: start it in-process (tests, the app's
 * embedded default) or from the CLI (`npm run sim`).
 */
export { startSimulator, type RunningSimulator, type SimulatorLog } from './server.ts';
export {
  parseSimulatorOptions,
  simulatorOptionsSchema,
  DEFAULT_AGENTS,
  type SimulatorOptions,
  type SimulatorOptionsInput,
} from './options.ts';
export { deriveCapabilities } from './world.ts';
export * from './protocol.ts';
