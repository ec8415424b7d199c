/**
 * The diagnostics metric plugin of the Bayesian GLFT maker, as a default export so a config can
 * name this folder by path (e.g. `plugin: "../../plugins/agent-bayesian-glft/diagnostics"`).
 * @packageDocumentation
 */
export { diagnosticsPlugin as default } from '../src/diagnostics-plugin.js';
