/**
 * `@venuelab/cli`: the `venuelab` command as a library (for tests and embedding).
 * @packageDocumentation
 */
export { buildProgram, main, type Io } from './commands.js';
export { listPlugins, findPluginPackages, describe, type PluginListing } from './discover.js';
export { textTable, fmt } from './format.js';
