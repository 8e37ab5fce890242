import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/sandbox/outbox-directory.js';
import { TestClock, makeTempDir } from './sandbox-harness.js';

describe('createOutbox', () => {
  it('writes one RFC 822 .eml per message, named so a name sort is a time sort', () => {
    const clock = new TestClock('2026-03-02T09:00:00.000Z');
    const outbox = createOutbox(path.join(makeTempDir('outbox'), 'outbox'), clock.now);
    const first = outbox.send({ to: 'a@example.com', subject: 'Your FavCRM verification code: 012345', text: 'Code 012345\nBye', code: '012345' });
    const second = outbox.send({ to: 'b@example.com', subject: 'Same millisecond', text: 'x' });
    clock.advance(1000);
    const third = outbox.send({ to: 'c@example.com', subject: 'Later', text: 'y', code: '999999' });

    expect(path.basename(first.file)).toBe('20260302T090000000Z-0000.eml');
    expect(path.basename(second.file)).toBe('20260302T090000000Z-0001.eml');
    const raw = fs.readFileSync(first.file, 'utf8');
    expect(raw).toMatch(/^From: .+\r\nTo: a@example\.com\r\nSubject: Your FavCRM verification code: 012345\r\nDate: Mon, 02 Mar 2026 09:00:00 GMT\r\n/);
    expect(raw).toContain('\r\n\r\nCode 012345\r\nBye\r\n');
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);

    const listed = outbox.list();
    expect(listed.map((entry) => entry.to)).toEqual(['c@example.com', 'b@example.com', 'a@example.com']);
    expect(listed[2]).toEqual({ ...first });
    expect(listed[0]).toMatchObject({ code: '999999', sentAt: '2026-03-02T09:00:01.000Z', id: third.id });
    expect(listed[1]?.code).toBeUndefined();
    expect(outbox.list(1).map((entry) => entry.to)).toEqual(['c@example.com']);
  });

  it('keeps headers on one line and round-trips non-ASCII subjects', () => {
    const outbox = createOutbox(makeTempDir('outbox-headers'));
    const sent = outbox.send({ to: 'x@example.com\r\nBcc: evil@example.com', subject: '預約確認 ✓\nX-Injected: yes', text: '你好' });
    const raw = fs.readFileSync(sent.file, 'utf8');
    expect(raw).not.toMatch(/^Bcc:/m);
    expect(raw).not.toMatch(/^X-Injected:/m);
    expect(raw).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    const [entry] = outbox.list();
    expect(entry?.subject).toBe('預約確認 ✓ X-Injected: yes');
    expect(entry?.text).toBe('你好');
  });

  it('lists nothing for a directory that does not exist yet', () => {
    expect(createOutbox(path.join(makeTempDir('outbox-empty'), 'missing')).list()).toEqual([]);
  });

  it('never shows a reader a half-written message: a thread reading the outbox meanwhile finds every one whole', async () => {
    const directory = path.join(makeTempDir('outbox-race'), 'outbox');
    const outbox = createOutbox(directory);
    outbox.send({ to: 'first@example.com', subject: 'code', text: 'x', code: '000000' });
    // Reads every new .eml as soon as it appears, on its own thread, until told to stop; reports any without a code.
    const reader = new Worker(
      `const fs = require('node:fs'); const path = require('node:path'); const { parentPort, workerData } = require('node:worker_threads');
       const seen = new Set(); const partial = []; let stop = false;
       parentPort.on('message', () => { stop = true; });
       (function poll() {
         for (const name of fs.readdirSync(workerData)) {
           if (!name.endsWith('.eml') || seen.has(name)) continue;
           seen.add(name);
           if (!fs.readFileSync(path.join(workerData, name), 'utf8').includes('X-FavCRM-Code: ')) partial.push(name);
         }
         if (stop) parentPort.postMessage({ seen: seen.size, partial }); else setImmediate(poll);
       })();`,
      { eval: true, workerData: directory },
    );
    const report = new Promise<{ seen: number; partial: string[] }>((resolve) => reader.once('message', resolve));
    for (let index = 0; index < 1500; index += 1) outbox.send({ to: `p${index}@example.com`, subject: 'code', text: 'x'.repeat(2000), code: '123456' });
    reader.postMessage('stop');
    const { seen, partial } = await report;
    await reader.terminate();
    expect(seen).toBe(1501);
    expect(partial).toEqual([]);
    // Nothing but the messages is left behind.
    expect(fs.readdirSync(directory).filter((name) => !name.endsWith('.eml'))).toEqual([]);
  });
});
