import { cleanup, render } from 'ink-testing-library';
import { Box } from 'ink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApprovalRequest } from '../../src/agent/events.js';
import { ApprovalPrompt } from '../../src/ui/components/approval-prompt.js';
import { FIELD_CONTINUATION_INDENT } from '../../src/agent/approval/approval-card-lines.js';
import { CommandOutput } from '../../src/ui/components/command-output.js';
import { DataTable } from '../../src/ui/components/data-table.js';
import { ErrorLine } from '../../src/ui/components/error-line.js';
import { Footer } from '../../src/ui/components/footer.js';
import { Header } from '../../src/ui/components/header.js';
import { OutboxNotice } from '../../src/ui/components/outbox-notice.js';
import { SignupSuccessPanel } from '../../src/ui/components/signup-success-panel.js';
import { ToolCallCard } from '../../src/ui/components/tool-call-card.js';
import { Transcript } from '../../src/ui/components/transcript.js';
import { eventually, flat, KEY, pressUntil, screen, tick, waitForFrame } from './helpers.js';

const FULL_KEY = 'fav_mcp_AbCdEfGhIjKlMnOpQrSt5678';

afterEach(() => cleanup());

describe('Header', () => {
  it('shows the SANDBOX badge, the URL, the model and "signed out"', () => {
    const app = render(<Header endpoint={{ url: 'http://127.0.0.1:9/mcp', sandbox: true }} model={{ label: 'offline', offline: true }} auth={{ status: 'signed-out' }} />);
    const frame = screen(app);
    expect(frame).toContain(' SANDBOX ');
    expect(frame).toContain('http://127.0.0.1:9/mcp');
    expect(frame).toContain('model offline · signed out');
  });

  it('has no badge for a real endpoint, and shows the masked key and where it is stored', () => {
    const app = render(
      <Header
        endpoint={{ url: 'https://mcp.favcrm.io/mcp', sandbox: false }}
        model={{ label: 'openai:gpt-4o-mini', offline: false }}
        auth={{ status: 'signed-in', maskedKey: FULL_KEY, storage: { kind: 'keyring', location: 'OS keyring (service favcrm-chat)' } }}
        approvalsSkipped
      />,
    );
    const frame = screen(app);
    expect(frame).not.toContain('SANDBOX');
    expect(frame).toContain('signed in fav_mcp_...5678 (OS keyring (service favcrm-chat))');
    expect(frame).toContain('approvals skipped');
    expect(frame).not.toContain(FULL_KEY);
  });
});

describe('ToolCallCard', () => {
  it('spins while running and shows no summary yet', async () => {
    const app = render(<ToolCallCard title="List contacts" argsSummary="limit 5" status="running" summary="not yet" />);
    const frame = await waitForFrame(app, 'List contacts');
    expect(frame).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] List contacts limit 5/);
    expect(frame).not.toContain('not yet');
    expect(frame).not.toMatch(/[✓✗]/);
  });

  it('ends with ✓ and a one-line summary, or ✗ on failure; never more than two lines', () => {
    const ok = render(<ToolCallCard title="Create contact" argsSummary={'Dana\nBaker'} status="ok" summary={'Created\ncontact ct_1'} />);
    expect(screen(ok)).toBe('✓ Create contact Dana Baker\n  Created contact ct_1');
    const failed = render(<ToolCallCard title="Verify code" argsSummary="" status="failed" summary={`INVALID_CODE: ${'x'.repeat(300)}`} columns={60} />);
    const lines = screen(failed).split('\n');
    expect(lines[0]).toBe('✗ Verify code');
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
  });

  it('gives the arguments the rest of the line, and cuts them before they would wrap', () => {
    const args = 'name Reformer class · durationMinutes 50 · price 420';
    expect(screen(render(<ToolCallCard title="Create service" argsSummary={args} status="ok" columns={100} />))).toBe(`✓ Create service ${args}`);
    const narrow = screen(render(<ToolCallCard title="Create service" argsSummary={args} status="ok" columns={40} />)).split('\n');
    expect(narrow).toHaveLength(1);
    expect(narrow[0]?.length).toBeLessThanOrEqual(40);
    expect(narrow[0]?.endsWith('…')).toBe(true);
    // A long title in a very narrow window: the arguments go, the line still fits.
    for (const columns of [40, 24]) {
      const tight = screen(render(<ToolCallCard title="Request signup code" argsSummary="email me@mooncafe.jp · organisationName Moon Cafe" status="ok" columns={columns} />)).split('\n');
      expect(tight).toHaveLength(1);
      expect(tight[0]?.length).toBeLessThanOrEqual(columns);
    }
  });
});

describe('ErrorLine', () => {
  it('shows the message and the next step', () => {
    const app = render(<ErrorLine message="Cannot reach FavCRM." hint="Check FAVCRM_URL or run /doctor." />);
    expect(screen(app)).toBe('✗ Cannot reach FavCRM.\n  → Check FAVCRM_URL or run /doctor.');
    expect(screen(render(<ErrorLine message="Plain." />))).toBe('✗ Plain.');
  });
});

describe('OutboxNotice', () => {
  it('says where the sandbox email went and how to read it', () => {
    const app = render(<OutboxNotice to="yo*@example.com" command="favcrm-chat sandbox outbox" />);
    expect(flat(screen(app))).toBe('Sandbox: the email to yo*@example.com landed in the local outbox. Type /outbox to read it (or run `favcrm-chat sandbox outbox` in another terminal).');
  });
});

describe('DataTable', () => {
  it('draws a header and rows, at most 5 rows and 4 columns, with "… N more"', () => {
    const items = Array.from({ length: 8 }, (_, index) => ({ id: `ct_${index}`, name: `Person ${index}`, email: `p${index}@x.io`, phone: '555', city: 'Oslo' }));
    const frame = screen(render(<DataTable data={{ items }} />));
    const lines = frame.split('\n');
    expect(lines[0]).toMatch(/^\s+id\s+name\s+email\s+phone\s*$/);
    expect(frame).not.toContain('city');
    expect(frame).toContain('ct_4');
    expect(frame).not.toContain('ct_5');
    expect(frame).toContain('… 3 more');
    expect(lines).toHaveLength(7);
  });

  it('truncates long cells and renders nothing for data that is not a list of records', () => {
    const frame = screen(render(<DataTable data={[{ note: 'n'.repeat(80) }]} />));
    expect(frame).toContain(`${'n'.repeat(23)}…`);
    expect(frame).not.toContain('n'.repeat(25));
    expect(screen(render(<DataTable data={{ total: 3 }} />))).toBe('');
  });
});

describe('ApprovalPrompt', () => {
  const request: ApprovalRequest = {
    approvalId: 'ap_1',
    toolName: 'import_contacts',
    title: 'Import contacts',
    description: 'Imports 120 contacts into Acme Bakery.',
    args: { source: 'contacts.csv', rows: [] },
    preview: { total: 120, rows: [{ name: 'Ann', email: 'ann@x.io' }, { name: 'Bob', email: 'bob@x.io' }, { name: 'Cy', email: 'cy@x.io' }] },
    fields: [{ path: 'source', value: 'contacts.csv' }, { path: 'rows', value: '[]' }],
    reaches: ['deletion'],
  };

  it('says what will happen and to what, with a 3-row preview of the total', () => {
    const frame = screen(render(<ApprovalPrompt request={request} onAnswer={() => {}} />));
    expect(frame).toContain('Approve Import contacts?');
    expect(frame).toContain('Imports 120 contacts into Acme Bakery.');
    expect(frame).toContain('source: contacts.csv');
    expect(frame).toContain('120 rows in total; the first 3:');
    expect(frame).toMatch(/Cy\s+cy@x\.io/);
    expect(frame).toContain('… 117 more');
    expect(frame).toContain('y yes · n no');
  });

  it('answers yes on y, no on n and Esc, and ignores other keys', async () => {
    const onAnswer = vi.fn();
    const app = render(<ApprovalPrompt request={request} onAnswer={onAnswer} />);
    await tick();
    app.stdin.write('x');
    app.stdin.write(KEY.enter);
    await tick();
    expect(onAnswer).not.toHaveBeenCalled();
    await pressUntil(app, 'y', () => onAnswer.mock.calls.length > 0);
    expect(onAnswer).toHaveBeenLastCalledWith(true);
    app.stdin.write('N');
    await eventually(() => expect(onAnswer).toHaveBeenLastCalledWith(false));
    onAnswer.mockClear();
    app.stdin.write('\u001B');
    await eventually(() => expect(onAnswer).toHaveBeenCalledWith(false));
  });
});

describe('SignupSuccessPanel', () => {
  it('shows workspace, IDs, the masked key, where it is stored, the portal and next steps', () => {
    const frame = screen(
      render(
        <SignupSuccessPanel
          result={{
            organisationName: 'Acme Bakery',
            organisationId: 'org_1',
            userId: 'usr_2',
            maskedKey: FULL_KEY,
            storage: { kind: 'config-file', location: '/home/a/.config/favcrm-chat/config.toml' },
            loginUrl: 'https://portal.favcrm.io',
            nextSteps: ['Add a contact'],
          }}
        />,
      ),
    );
    expect(frame).toContain('╭');
    for (const text of ['Your FavCRM workspace is ready', 'Acme Bakery', 'organisation org_1 · user usr_2', 'fav_mcp_...5678', '/home/a/.config/favcrm-chat/config.toml', 'https://portal.favcrm.io', '• Add a contact']) {
      expect(frame).toContain(text);
    }
    expect(frame).not.toContain(FULL_KEY);
    expect(frame).not.toContain('Next steps'.repeat(2));
  });
});

describe('boxed prose wraps without a stray leading space', () => {
  /** How far each row inside a bordered box is indented past the border and its one column of padding. */
  const innerIndents = (frame: string) =>
    frame.split('\n').filter((row) => row.startsWith('│ ') && row.trim() !== '│ │' && row.slice(2, -2).trim() !== '').map((row) => /^ */.exec(row.slice(2))?.[0].length ?? 0);

  it('in the approval prompt and the success panel, at every width from 40 to 100 columns', () => {
    const request: ApprovalRequest = {
      approvalId: 'ap_2',
      toolName: 'register_organisation_request',
      title: 'Request signup code',
      description: 'Email a 6-digit signup code to owner@stretchbreathe.hk to register "Stretch + Breathe" (fitness, HK, Asia/Hong_Kong).',
      args: { email: 'owner@stretchbreathe.hk', organisationName: 'Stretch + Breathe', industry: 'fitness', country: 'HK' },
      fields: [
        { path: 'email', value: 'owner@stretchbreathe.hk' },
        { path: 'organisationName', value: 'Stretch + Breathe' },
        { path: 'industry', value: 'fitness' },
        { path: 'country', value: 'HK' },
      ],
      reaches: ['people'],
    };
    const result = {
      organisationName: 'Stretch + Breathe',
      organisationId: 'org_tAU6yCEq2w9BBg8RRgd5',
      companyId: 'cmp_2Ob2zJ5VeSqIM3fUHYTc',
      userId: 'usr_NwcRONlibGQyWFA7Bls5',
      maskedKey: 'fav_mcp_...geHc',
      storage: { kind: 'config-file' as const, location: '/home/a/.config/favcrm/config.toml' },
      nextSteps: ['Check the connection: `favcrm whoami` or `favcrm doctor` (list_my_companies).', 'Open the login URL and use "forgot password" to set a portal password.'],
    };
    for (let columns = 40; columns <= 100; columns += 1) {
      const approval = screen(render(<Box width={columns}><ApprovalPrompt request={request} columns={columns} onAnswer={() => {}} /></Box>));
      // Prose rows start at the text; only a wrapped argument value hangs under its `path:` (so it never reads as a new field).
      expect(innerIndents(approval).filter((indent) => indent > 0 && indent !== FIELD_CONTINUATION_INDENT), `approval at ${columns} columns:\n${approval}`).toEqual([]);
      // Rows inside the panel start at the text (0), under a label (10), at a bullet (2) or under a bullet's text (4).
      const panel = screen(render(<Box width={columns}><SignupSuccessPanel result={result} columns={columns} /></Box>));
      for (const indent of innerIndents(panel)) expect([0, 2, 4, 10], `panel at ${columns} columns:\n${panel}`).toContain(indent);
      cleanup();
    }
  });
});

describe('SignupSuccessPanel with a long login URL', () => {
  it('wraps the URL and the path itself, so no text in a row runs past the screen whatever box Ink draws around it', () => {
    const result = {
      organisationName: 'Golden Dragon Restaurant',
      maskedKey: 'fav_mcp_...geHc',
      storage: { kind: 'config-file' as const, location: '/home/someone-with-a-long-name/.config/favcrm/config.toml' },
      loginUrl: 'https://app.favcrm.io/login?email=reservations%40goldendragonrestaurant.com.hk',
      nextSteps: [],
    };
    for (const columns of [60, 80]) {
      // Sized by its content, as in the chat's transcript: only the panel's own wrapping keeps rows short (a real
      // terminal 80 wide showed the box widened past the screen by the unbroken URL).
      const panel = screen(render(<SignupSuccessPanel result={result} columns={columns} />));
      const texts = panel.split('\n').filter((row) => row.startsWith('│')).map((row) => row.replace(/\s*│\s*$/, ''));
      expect(texts.length).toBeGreaterThan(4);
      for (const text of texts) expect(text.length, `panel for ${columns} columns:\n${panel}`).toBeLessThanOrEqual(columns - 2);
      expect(panel.replace(/[│\s]/g, '')).toContain('reservations%40goldendragonrestaurant.com.hk');
      cleanup();
    }
  });
});

describe('Footer', () => {
  it('shows tokens and time for real models, not for the offline one, and always the key hints', () => {
    const usage = { inputTokens: 12345, outputTokens: 321, durationMs: 2450 };
    const real = screen(render(<Footer model={{ label: 'openai:gpt-4o-mini', offline: false }} usage={usage} />));
    expect(real).toContain('12,345 in · 321 out · 2.5s');
    expect(real).toContain('/help · Ctrl+C cancel · Ctrl+D quit');
    const offline = screen(render(<Footer model={{ label: 'offline', offline: true }} usage={usage} auth={{ status: 'signed-out' }} sandbox />));
    expect(offline).not.toContain('12,345');
    expect(offline).toContain('SANDBOX');
    expect(offline).toContain('signed out');
  });
});

describe('CommandOutput', () => {
  it('prints a title and indented lines', () => {
    expect(screen(render(<CommandOutput title="Auth" lines={['Signed out.']} />))).toBe('Auth\n  Signed out.');
  });

  it('keeps the indent where a long line wraps', () => {
    const long = `create_whatsapp_connect_link: ${'Create a Meta Embedded Signup link. '.repeat(4)}(asks first)`;
    const lines = screen(render(<CommandOutput title="Tools" lines={[long]} />)).split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}\S/);
  });
});

describe('Transcript', () => {
  it('prints finished entries, then the live text and running tool cards below', async () => {
    const app = render(
      <Transcript
        columns={80}
        entries={[
          { id: 0, kind: 'user', text: 'Add Dana' },
          { id: 1, kind: 'tool', toolName: 'create_contact', title: 'Create contact', argsSummary: 'Dana', ok: true, summary: 'Created ct_1', data: [{ id: 'ct_1', name: 'Dana' }] },
          { id: 2, kind: 'notice', text: 'Heads up', level: 'warning' },
        ]}
        live={{ turnId: 't', text: `Done, and your key is ${FULL_KEY.slice(0, 14)}`, runningTools: [{ callId: 'c2', toolName: 'tag', title: 'Tag contact', argsSummary: 'vip' }] }}
      />,
    );
    const frame = await waitForFrame(app, 'Tag contact');
    expect(frame.indexOf('› Add Dana')).toBeLessThan(frame.indexOf('✓ Create contact'));
    expect(frame).toMatch(/ct_1\s+Dana/);
    expect(frame.indexOf('Heads up')).toBeLessThan(frame.indexOf('Done, and your key is fav_…'));
    expect(frame).not.toContain(FULL_KEY.slice(0, 14));
    expect(frame).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Tag contact vip/);
  });

  it('wraps long assistant text to the terminal width', () => {
    const words = Array.from({ length: 30 }, (_, index) => `word${index}`).join(' ');
    const frame = screen(render(<Transcript columns={40} entries={[{ id: 0, kind: 'assistant', text: words }]} live={null} />));
    const lines = frame.split('\n');
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(flat(frame)).toContain(words);
  });

  it('never starts a wrapped row with a space, finished or streaming (Ink alone keeps the space it broke at)', () => {
    const text = 'I\'ll register "Core Flow" (industry fitness, country SG, timezone Asia/Singapore). What should I use as the email for the account? The 6-digit code goes there.';
    for (let columns = 30; columns <= 100; columns += 1) {
      const finished = screen(render(<Transcript columns={columns} entries={[{ id: 0, kind: 'assistant', text }]} live={null} />));
      const streaming = screen(render(<Transcript columns={columns} entries={[]} live={{ turnId: 't', text, runningTools: [] }} />));
      for (const frame of [finished, streaming]) {
        for (const row of frame.split('\n')) expect(row.startsWith(' '), `${columns} columns: "${row}"`).toBe(false);
        expect(flat(frame).replace(/\s/g, '')).toContain(text.replace(/\s/g, ''));
      }
      cleanup();
    }
  });
});
