/**
 * `npm run agent:add -- --name anna [--display-name "Frau Schmidt"] [--reset]`: creates an agent account (or sets
 * a new password with --reset) in the handoff database under DATA_DIR (or DATABASE_URL). The password is read from
 * stdin (first line) when stdin is not a terminal, else prompted twice without echo; it never appears in the
 * command line or shell history.
 *
 * The display name is what citizens see ("Sie sind jetzt mit Frau Schmidt vom Service-Center verbunden"); the login
 * name stays in the console. Without one, citizens meet "eine Mitarbeiterin oder ein Mitarbeiter". For an existing
 * agent, `--display-name` alone changes just the display name (no password asked), `--display-name ""` removes it.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { openStorage } from '../storage/backend';
import { SCHEMAS } from '../schemas';
import { HANDOFF_SCHEMA } from '../handoff/migrations';
import { HandoffStore } from '../handoff/handoffStore';
import { AGENT_NAME, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hashPassword, normaliseDisplayName } from '../handoff/agentAuth';

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run agent:add -- --name NAME [--display-name "Frau Schmidt"] [--reset]   (password on stdin or prompted)`,
  );
  process.exit(2);
}

interface Options {
  name: string;
  reset: boolean;
  /** undefined: not given (unchanged); null: remove it; else the normalised display name. */
  displayName: string | null | undefined;
}

/** The command line, checked; a problem ends the process with the usage. */
function parseArgs(args: readonly string[]): Options {
  let name: string | undefined;
  let reset = false;
  let displayName: string | null | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--reset') {
      reset = true;
      continue;
    }
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag !== '--name' && flag !== '--display-name') usage(`unknown argument "${arg}"`);
    const value = inline ?? args[++i];
    if (value === undefined) usage(`missing value of ${flag}`);
    if (flag === '--name') {
      name = value;
    } else if (value.trim() === '') {
      displayName = null;
    } else {
      displayName = normaliseDisplayName(value);
      if (displayName === undefined)
        usage('the display name may contain letters, spaces, ".", "-" and apostrophes (2 to 60 characters), e.g. "Frau Schmidt"');
    }
  }
  if (!name) usage('missing --name');
  if (!AGENT_NAME.test(name)) usage('the name may contain letters, digits, ".", "_" and "-" (2 to 40 characters)');
  return { name, reset, displayName };
}

async function readPassword(name: string): Promise<string> {
  let password: string;
  if (process.stdin.isTTY) {
    password = await promptHidden(`Passwort für ${name}: `);
    const again = await promptHidden('Passwort wiederholen: ');
    if (again !== password) usage('the passwords differ');
  } else {
    password = await readStdinLine();
  }
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    usage(`the password needs ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`);
  }
  return password;
}

const shownAs = (displayName: string | null | undefined): string => (displayName ? `, shown to citizens as "${displayName}"` : '');

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Prompts on the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    let muted = false;
    output._writeToOutput = (s: string) => {
      if (!muted || s.includes('\n')) process.stderr.write(muted ? '\n' : s);
    };
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
    muted = true;
  });
}

async function main(): Promise<void> {
  const { name, reset, displayName } = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const storage = await openStorage(config, createLogger('error'), SCHEMAS);
  const store = new HandoffStore(storage.database(HANDOFF_SCHEMA.database));
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : join(config.dataDir, 'handoff.sqlite');
  try {
    const existing = await store.agentByName(name);
    if (existing && !reset) {
      if (displayName === undefined)
        usage(`agent "${name}" exists already (use --reset to set a new password, --display-name to change the name citizens see)`);
      await store.setAgentDisplayName(name, displayName);
      process.stdout.write(
        displayName ? `display name of agent "${name}" set to "${displayName}"\n` : `display name of agent "${name}" removed\n`,
      );
      return;
    }
    const { salt, hash } = await hashPassword(await readPassword(name));
    if (existing) {
      await store.setAgentPassword(name, salt, hash);
      if (displayName !== undefined) await store.setAgentDisplayName(name, displayName);
      process.stdout.write(`password of agent "${name}" changed${shownAs(displayName)}\n`);
    } else {
      await store.addAgent(name, salt, hash, Date.now(), displayName ?? null);
      process.stdout.write(`agent "${name}" added (${where})${shownAs(displayName)}\n`);
    }
  } finally {
    await storage.close();
  }
}

main().catch((err: Error) => {
  console.error(`agent:add failed: ${err.message}`);
  process.exit(1);
});
