import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';

type Env = Record<string, string | undefined>;

/** What `.env` did to an environment: which variables it set, and which it was not allowed to set. */
export interface EnvironmentOrigins {
  /** The `.env` file read, or null when there was none. */
  file: string | null;
  /** Variables whose value came from `.env` (not from the shell, which always wins). */
  fromDotenv: ReadonlySet<string>;
  /** Variables `.env` named that favcrm-chat does not take from a file (NODE_OPTIONS, PATH, HOME, ...). */
  ignored: readonly string[];
}

const NONE: EnvironmentOrigins = { file: null, fromDotenv: new Set(), ignored: [] };

/**
 * What a `.env` may set: favcrm-chat's own configuration. A file in whatever directory the app is started from is
 * untrusted (a cloned repository ships one): it must not run code (NODE_OPTIONS), move where keys are read and
 * written (HOME, XDG_*, APPDATA), reach the keyring's bus (DBUS_*), or route traffic (proxies, CA certificates).
 */
const CONFIGURABLE = /^(?:FAVCRM_[A-Z0-9_]+|OPENAI_[A-Z0-9_]+|NO_COLOR|FORCE_COLOR)$/;

const origins = new WeakMap<object, EnvironmentOrigins>();

/**
 * Reads `./.env` into `env` (the shell's values win), only the variables favcrm-chat itself reads, and remembers
 * which came from the file: a key from the shell or a store is then never sent to an endpoint only `.env` names.
 */
export function loadEnvironment(env: Env = process.env, directory: string = process.cwd()): EnvironmentOrigins {
  const file = path.join(directory, '.env');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    origins.set(env, NONE);
    return NONE;
  }
  const fromDotenv = new Set<string>();
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(parse(text))) {
    if (!CONFIGURABLE.test(name)) {
      ignored.push(name);
      continue;
    }
    if (env[name] !== undefined) continue;
    env[name] = value;
    fromDotenv.add(name);
  }
  const loaded: EnvironmentOrigins = { file, fromDotenv, ignored };
  origins.set(env, loaded);
  return loaded;
}

/** What `loadEnvironment` recorded for this environment object (nothing came from `.env` when it never ran). */
export function environmentOrigins(env: Env): EnvironmentOrigins {
  return origins.get(env) ?? NONE;
}
