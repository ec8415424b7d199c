/**
 * Coded errors. Every error venuelab raises on purpose carries a stable code so that
 * callers (the CLI, a sweep, a test) can react to the kind of failure without parsing text.
 * @module
 */

/** The stable error codes of venuelab. */
export const ErrorCode = {
  /** An experiment or plugin configuration is invalid. */
  Config: 'VL_ERR_CONFIG',
  /** A plugin could not be found or imported. */
  PluginNotFound: 'VL_ERR_PLUGIN_NOT_FOUND',
  /** A module was found but does not export a valid plugin definition. */
  PluginInvalid: 'VL_ERR_PLUGIN_INVALID',
  /** A plugin requires a kernel version this kernel does not satisfy. */
  KernelRange: 'VL_ERR_KERNEL_RANGE',
  /** A plugin depends on another plugin that is not part of the experiment. */
  MissingDependency: 'VL_ERR_MISSING_DEPENDENCY',
  /** A plugin registered nothing, or something of the wrong kind. */
  Registration: 'VL_ERR_REGISTRATION',
  /** The run was used outside the order of its lifecycle, or changed after start. */
  Lifecycle: 'VL_ERR_LIFECYCLE',
  /** A plugin threw while the simulation ran. */
  PluginFailed: 'VL_ERR_PLUGIN_FAILED',
  /** A guardrail (maximum events, simulated time, wall time, resting orders) stopped the run. */
  Guardrail: 'VL_ERR_GUARDRAIL',
  /** An order or venue reference names something that does not exist. */
  UnknownReference: 'VL_ERR_UNKNOWN_REFERENCE',
  /** A result contained NaN or an infinity where a finite number was required. */
  NonFinite: 'VL_ERR_NON_FINITE',
  /** Input or output outside what is allowed (e.g. a path escaping the output folder). */
  Io: 'VL_ERR_IO',
} as const;

/** One of the {@link ErrorCode} values. */
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem found while validating a configuration. */
export interface ConfigIssue {
  /** Dotted path of the offending field from the top of the experiment config, e.g. `agents[1].config.rate`. */
  path: string;
  /** Package name of the plugin the field belongs to, when it belongs to one. */
  plugin?: string;
  /** What was expected, in words. */
  message: string;
  /** The error code of this problem. */
  code: ErrorCodeValue;
}

/** Base class of all coded venuelab errors. */
export class VenuelabError extends Error {
  /** The stable error code. */
  readonly code: ErrorCodeValue;
  /** Structured details for programmatic use. */
  readonly details: Record<string, unknown>;

  /**
   * @param code - stable error code
   * @param message - human-readable message (one line)
   * @param details - structured details
   */
  constructor(code: ErrorCodeValue, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'VenuelabError';
    this.code = code;
    this.details = details;
  }
}

/** Raised when a configuration has one or more problems; carries every problem found, not just the first. */
export class ConfigError extends VenuelabError {
  /** Every problem found. */
  readonly issues: ConfigIssue[];

  /** @param issues - every problem found (at least one) */
  constructor(issues: ConfigIssue[]) {
    super(ErrorCode.Config, issues.map(formatIssue).join('\n'), { issues });
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** Raised when a plugin throws (or produces an invalid value) during a run; names the plugin, the tick and the seed. */
export class PluginRunError extends VenuelabError {
  /** @param info - where and when the failure happened, and the original error */
  constructor(info: { component: string; plugin: string; t: number; seed: number; cause: unknown; phase: string }) {
    const why = info.cause instanceof Error ? info.cause.message : String(info.cause);
    super(
      ErrorCode.PluginFailed,
      `plugin ${info.plugin} (component ${info.component}) failed during ${info.phase} at t=${info.t} with seed ${info.seed}: ${why}`,
      { component: info.component, plugin: info.plugin, t: info.t, seed: info.seed, phase: info.phase },
    );
    this.name = 'PluginRunError';
    this.cause = info.cause;
  }
}

/** Formats one config problem as the single line the CLI prints. */
export function formatIssue(issue: ConfigIssue): string {
  const who = issue.plugin ? ` [plugin ${issue.plugin}]` : '';
  return `${issue.code} ${issue.path || '(root)'}${who}: ${issue.message}`;
}

/** True when `e` is a coded venuelab error. */
export function isVenuelabError(e: unknown): e is VenuelabError {
  return e instanceof VenuelabError;
}
