/**
 * What the session is built from: the chat's, doctor's and tool's flags after the command layer parsed them
 * (src/commands/). Checked once by checkAppOptions, trusted afterwards.
 */
export interface AppOptions {
  url?: string;
  /** `--api-key KEY`, or `-` for the first line of stdin. */
  apiKey?: string;
  /** `--api-key-file PATH`: the safe way to pass a key (not in `ps`). */
  apiKeyFile?: string;
  model?: string;
  keyStore?: string;
  /** `--data DIR`: the embedded sandbox's data dir. */
  data?: string;
  /** `--yes`: destructive and external tools run without asking. */
  yes: boolean;
  /** `--new`: forget the saved conversation and any pending signup. */
  fresh: boolean;
}
