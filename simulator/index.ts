/**
 * Public surface of the GWS v2 simulator: start it in-process (tests, the app's
 * embedded default) or from the CLI (`npm run sim`). Code outside simulator/
 * imports this file, not the folders behind it.
 */
export {
  startSimulator,
  type RunningSimulator,
  type SimClock,
  type SimTimer,
  type SimulatorExtras,
  type SimulatorLog,
} from './server.ts';
export {
  parseSimulatorOptions,
  simulatorOptionsSchema,
  DEFAULT_AGENTS,
  type SimulatorOptions,
  type SimulatorOptionsInput,
} from './options.ts';
export { deriveCapabilities } from './domain/capabilities.ts';
export * from './protocol.ts';
