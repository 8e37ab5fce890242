/**
 * The sandbox's port when nobody picks one, for `favcrm-chat sandbox` and the chat's embedded sandbox alike:
 * a fixed port means `favcrm --url http://127.0.0.1:8765/mcp` and a saved sandbox URL keep working across restarts.
 */
export const DEFAULT_SANDBOX_PORT = 8765;

/**
 * Ports the fetch standard blocks (https://fetch.spec.whatwg.org/#block-bad-port): Node's fetch, which the MCP
 * client uses, and browsers refuse to connect to them, so a sandbox listening there could never be reached.
 */
const FETCH_BLOCKED_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

export function isFetchBlockedPort(port: number): boolean {
  return FETCH_BLOCKED_PORTS.has(port);
}
