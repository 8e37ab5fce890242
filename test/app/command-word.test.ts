import { describe, expect, it } from 'vitest';
import { findRoutedCommand } from '../../src/app/command-word.js';

describe('findRoutedCommand', () => {
  it('finds sandbox and auth after flags, keeping their own words first', () => {
    expect(findRoutedCommand(['--data', '/tmp/d', 'sandbox', 'outbox', '--json'])).toEqual({ command: 'sandbox', args: ['outbox', '--json', '--data', '/tmp/d'] });
    expect(findRoutedCommand(['--api-key=fav_mcp_x', 'auth', 'status'])).toEqual({ command: 'auth', args: ['status', '--api-key=fav_mcp_x'] });
    expect(findRoutedCommand(['auth', 'logout'])).toEqual({ command: 'auth', args: ['logout'] });
  });

  it('does not mistake a flag value for the command', () => {
    expect(findRoutedCommand(['--model', 'sandbox'])).toBeUndefined();
    expect(findRoutedCommand(['--data', 'auth', 'doctor'])).toBeUndefined();
  });

  it('leaves the chat, doctor and words after -- to the app', () => {
    expect(findRoutedCommand([])).toBeUndefined();
    expect(findRoutedCommand(['--headless', 'doctor'])).toBeUndefined();
    expect(findRoutedCommand(['--', 'sandbox'])).toBeUndefined();
  });
});
