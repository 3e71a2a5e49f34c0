/**
 * `npm run agent:add -- --name anna [--reset]`: creates an agent account (or sets a new password with
 * --reset) in the handoff database under DATA_DIR. The password is read from stdin (first line) when stdin
 * is not a terminal, else prompted twice without echo; it never appears in the command line or shell history.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { openStorage } from '../storage/backend';
import { HandoffStore } from '../handoff/store';
import { AGENT_NAME, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hashPassword } from '../handoff/auth';

function usage(message: string): never {
  console.error(`${message}\nusage: npm run agent:add -- --name NAME [--reset]   (password on stdin or prompted)`);
  process.exit(2);
}

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
    output._writeToOutput = (s: string) => { if (!muted || s.includes('\n')) process.stderr.write(muted ? '\n' : s); };
    rl.question(question, (answer) => { rl.close(); resolve(answer); });
    muted = true;
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--name');
  const name = at >= 0 ? args[at + 1] : undefined;
  const reset = args.includes('--reset');
  if (!name) usage('missing --name');
  if (!AGENT_NAME.test(name)) usage('the name may contain letters, digits, ".", "_" and "-" (2 to 40 characters)');

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

  const config = loadConfig();
  const storage = await openStorage(config, createLogger('error'));
  const store = new HandoffStore(storage.handoff);
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : join(config.dataDir, 'handoff.sqlite');
  try {
    const { salt, hash } = await hashPassword(password);
    if (await store.agentByName(name)) {
      if (!reset) usage(`agent "${name}" exists already (use --reset to set a new password)`);
      await store.setAgentPassword(name, salt, hash);
      process.stdout.write(`password of agent "${name}" changed\n`);
    } else {
      await store.addAgent(name, salt, hash);
      process.stdout.write(`agent "${name}" added (${where})\n`);
    }
  } finally {
    await storage.close();
  }
}

main().catch((err: Error) => {
  console.error(`agent:add failed: ${err.message}`);
  process.exit(1);
});
