import { Text } from 'ink';

export interface OutboxNoticeProps {
  to: string;
  command: string;
}

/** In the sandbox no email leaves the machine; this says where the code went. */
export function OutboxNotice({ to, command }: OutboxNoticeProps) {
  return <Text dimColor>{`Sandbox: the email to ${to} landed in the local outbox. Read it with: ${command}`}</Text>;
}
