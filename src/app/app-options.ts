/**
 * What the session is built from: the chat's, doctor's and tool's flags after the command layer parsed them
 * (src/commands/). Checked once by checkAppOptions, trusted afterwards.
 */
export interface AppOptions {
  url?: string;
  apiKey?: string;
  model?: string;
  keyStore?: string;
  /** `--data DIR`: the embedded sandbox's data dir. */
  data?: string;
  /** `--yes`: destructive and external tools run without asking. */
  yes: boolean;
  /** `--new`: forget the saved conversation and any pending signup. */
  fresh: boolean;
}
