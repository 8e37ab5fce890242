import { Text } from 'ink';
import { wrapProse } from '../../text/wrap-prose.js';

export interface OutboxNoticeProps {
  to: string;
  command: string;
  /** Wrap width; without one Ink wraps (and may start a row with a space). */
  columns?: number;
}

/** In the sandbox no email leaves the machine; this says where the code went. */
export function OutboxNotice({ to, command, columns }: OutboxNoticeProps) {
  const text = `Sandbox: the email to ${to} landed in the local outbox. Type /outbox to read it (or run \`${command}\` in another terminal).`;
  return <Text dimColor>{columns === undefined ? text : wrapProse(text, columns)}</Text>;
}
