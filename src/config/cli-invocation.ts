type Env = Record<string, string | undefined>;

/**
 * How this person starts favcrm-chat, for the commands we suggest: `npm start --` when they ran `npm start` in
 * a clone (where `favcrm-chat` is not on PATH), else the bin name.
 */
export function cliInvocation(env: Env): string {
  const viaNpmStart = env.npm_lifecycle_event === 'start' && env.npm_package_name === 'favcrm-chat';
  return viaNpmStart ? 'npm start --' : 'favcrm-chat';
}
