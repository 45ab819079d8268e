/**
 * What the runner sets up once for the browser tests: the engine, code-server and
 * Chromium. The e2e files read it from here (same process, same module).
 */
import type { BrowserContext } from 'playwright-core';
import type { EngineInfo } from '../engine/engine';
import type { CodeServer } from './codeServer';

export interface TestSession {
  engine: EngineInfo;
  server: CodeServer;
  browser: BrowserContext;
  runId: string;
  /** the environment code-server was started with (DOCKER_HOST and the rest), for tests that start another */
  env: Record<string, string>;
  resultsDir: string;
}

let current: TestSession | undefined;

export function setTestSession(s: TestSession | undefined): void {
  current = s;
}

export function testSession(): TestSession {
  if (!current) throw new Error('the e2e tests run under the test runner: npm test');
  return current;
}
