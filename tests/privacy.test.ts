import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HandoffStore } from '../bot/handoff/store';
import { replyText, say, startServer, stopServer, type ServerProcess } from './helpers/server';

describe('"Bitte löschen Sie meine Daten" (real server process)', function () {
  this.timeout(60000);
  let dir: string;
  let server: ServerProcess;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-'));
    server = await startServer({ DATA_DIR: dir });
  });
  after(async () => {
    if (server) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks once, deletes on "Ja", and the conversation no longer remembers anything', async () => {
    const c = { conversationId: 'forget-me', tenant: 'wolfsburg' };
    assert.match(replyText(await say(server.url, c, 'Was brauche ich für ein Führungszeugnis?')), /Führungszeugnis/);
    const question = await say(server.url, c, 'Bitte löschen Sie meine Daten');
    assert.match(replyText(question), /Soll ich alles löschen/);
    assert.deepEqual(question[0].suggestedActions?.actions.map((a) => a.title), ['Ja, löschen', 'Nein']);
    assert.match(replyText(await say(server.url, c, 'Ja, löschen')), /Die Daten dieses Gesprächs sind gelöscht/);
    // The follow-up has nothing to refer to any more: the assistant asks which service is meant.
    assert.match(replyText(await say(server.url, c, 'Und was kostet das?')), /Um welche Leistung geht es\?/);
  });

  it('deletes nothing on "Nein"', async () => {
    const c = { conversationId: 'keep-me', tenant: 'wolfsburg' };
    await say(server.url, c, 'Was brauche ich für ein Führungszeugnis?');
    await say(server.url, c, 'Löschen Sie meine Daten');
    assert.match(replyText(await say(server.url, c, 'Nein')), /ich lösche nichts/);
    assert.match(replyText(await say(server.url, c, 'Und was kostet das?')), /13,00/);
  });
});

describe('the handoff store forgets a conversation', () => {
  it('deletes transcript, queue entry, reference and callback ticket of that conversation only', () => {
    const store = new HandoffStore(':memory:');
    for (const id of ['mine', 'other']) {
      store.saveReference(id, { conversation: { id } }, 'gifhorn', 1);
      store.addMessage({ conversationId: id, sender: 'citizen', text: 'Hallo', at: 1 });
      store.enqueue({ conversationId: id, tenant: 'gifhorn', topic: 'Kosten', reason: 'agent', now: 1 });
      store.createTicket({ conversationId: id, tenant: 'gifhorn', topic: 'Kfz', phone: '+491511234567', wishedAt: 5, wishedText: 'Mo' }, 2026, 1);
    }
    store.forgetConversation('mine');
    assert.deepEqual(store.transcript('mine'), []);
    assert.equal(store.reference('mine'), undefined);
    assert.equal(store.openFor('mine'), undefined);
    assert.deepEqual(store.tickets().map((t) => t.conversationId), ['other']);
    assert.equal(store.transcript('other').length, 1);
    store.close();
  });
});
