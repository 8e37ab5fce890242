import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// How a favcrm-chat tells its own sandbox from anything else answering on a loopback port. The sandbox keeps a
// random token in a 0600 file inside its data directory; a borrower that can read that file (same user, the data dir
// it would use) sends a fresh challenge to `GET /`, and only a server holding the token can answer it. The proof is
// bound to the port the request arrived on, so a squatter cannot relay the challenge to a real sandbox elsewhere.
// Kept free of SQLite and the MCP SDK: the chat's borrower loads it on its startup path.

/** The token's file in the data directory, beside the database and the code pepper. */
export const OWNERSHIP_TOKEN_FILE = 'sandbox-owner.key';
/** Request header carrying the borrower's challenge (hex). */
export const CHALLENGE_HEADER = 'x-favcrm-sandbox-challenge';
/** Response header carrying the sandbox's proof (hex HMAC-SHA256). */
export const PROOF_HEADER = 'x-favcrm-sandbox-proof';
/** A challenge is 16–64 random bytes in hex; anything else gets no proof. */
const CHALLENGE_PATTERN = /^[0-9a-f]{32,128}$/;
const TOKEN_BYTES = 32;

/** Reads the data dir's token, creating a random one (0600, `wx` so two starting sandboxes agree) on first use. */
export function loadOrCreateOwnershipToken(dataDir: string): Buffer {
  const file = path.join(dataDir, OWNERSHIP_TOKEN_FILE);
  try {
    fs.writeFileSync(file, randomBytes(TOKEN_BYTES), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const token = readOwnershipToken(dataDir);
  if (!token) {
    throw new Error(`The sandbox ownership token ${file} is not a private file of this user; delete it and start the sandbox again.`);
  }
  return token;
}

/**
 * The token of the sandbox that keeps its data in `dataDir`, or null when there is none this user can trust: the
 * file must be a regular file (not a link), owned by this user and readable by nobody else, so another account on
 * the machine cannot plant a token in a directory it controls and have its squatter "proved".
 */
export function readOwnershipToken(dataDir: string): Buffer | null {
  const file = path.join(dataDir, OWNERSHIP_TOKEN_FILE);
  let descriptor: number | null = null;
  try {
    // O_NOFOLLOW refuses a link, and the checks read the opened file itself, so it cannot be swapped in between.
    descriptor = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    const stat = fs.fstatSync(descriptor);
    if (!stat.isFile()) return null;
    if (process.platform !== 'win32') {
      if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return null;
      if ((stat.mode & 0o077) !== 0) return null;
    }
    const token = fs.readFileSync(descriptor);
    return token.length >= TOKEN_BYTES ? token : null;
  } catch {
    return null;
  } finally {
    if (descriptor !== null) fs.closeSync(descriptor);
  }
}

/** A fresh challenge for one probe. */
export function newChallenge(): string {
  return randomBytes(32).toString('hex');
}

/** The proof for `challenge` arriving on `port`, or null for a malformed challenge. */
export function ownershipProof(token: Buffer, challenge: string, port: number): string | null {
  if (!CHALLENGE_PATTERN.test(challenge)) return null;
  return createHmac('sha256', token).update(`favcrm-sandbox-ownership\u0000${port}\u0000${challenge}`, 'utf8').digest('hex');
}

/** Constant-time check of a server's proof against the one `token` gives. */
export function proofMatches(token: Buffer, challenge: string, port: number, proof: string | null): boolean {
  const expected = ownershipProof(token, challenge, port);
  if (expected === null || proof === null || !/^[0-9a-f]{64}$/.test(proof)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(proof, 'hex'));
}
