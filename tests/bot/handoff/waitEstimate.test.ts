import { strict as assert } from 'node:assert';
import { shippedTexts } from '../../helpers/texts';
import { estimateWaitMinutes } from '../../../bot/handoff/waitEstimate';
import { positionText, queuedAnswer } from '../../../dialogs/answers/handoffAnswers';

describe('wait estimate for a queued citizen (free agents first)', () => {
  const wait = (position: number, agentsOnline: number, agentsBusy: number, averageChatMinutes = 4): number =>
    estimateWaitMinutes({ position, agentsOnline, agentsBusy, averageChatMinutes });

  it('is 0 when an agent is idle and nobody waits ahead (the old formula said 4 minutes)', () => {
    assert.equal(wait(1, 1, 0), 0);
    assert.equal(wait(1, 3, 2), 0);
  });

  it('is 0 for as many citizens as there are free agents', () => {
    assert.equal(wait(2, 2, 0), 0);
    assert.equal(wait(3, 3, 0), 0);
    assert.equal(wait(3, 4, 1), 0);
  });

  it('behind the free agents, grows with the position and shrinks with the agents online', () => {
    assert.equal(wait(1, 1, 1), 4, 'the only agent is in a chat: one chat');
    assert.equal(wait(2, 1, 0), 4, 'the agent is free for the first in line; the second waits one chat');
    assert.equal(wait(3, 1, 1), 12);
    assert.equal(wait(1, 2, 2), 2, 'two busy agents: one of them ends in half a chat on average');
    assert.equal(wait(4, 2, 2), 8);
    assert.equal(wait(3, 3, 2), 3, 'one free agent takes the first; the other two wait for three agents');
    assert.ok(wait(5, 2, 2) > wait(4, 2, 2));
    assert.ok(wait(4, 4, 4) < wait(4, 2, 2));
  });

  it('counts at least one agent and whole minutes, never less than a minute when nobody is free', () => {
    assert.equal(wait(1, 0, 0), 4, 'an agent who just left: one chat rather than "gleich"');
    assert.equal(wait(1, 1, 5), 4, 'busy is at most online');
    assert.equal(wait(1, 5, 5, 0.5), 1);
    assert.equal(wait(0, 1, 0), 0, 'a position below 1 is the first');
  });

  it('says "gleich" for a wait of 0, minutes otherwise', () => {
    assert.equal(positionText(shippedTexts(), 1, 0), 'Sie sind als Nächstes an der Reihe; gleich ist jemand für Sie da.');
    assert.equal(positionText(shippedTexts(), 2, 4), 'Sie sind an Position 2 der Warteschlange; die Wartezeit beträgt etwa 4 Minuten.');
    assert.match(queuedAnswer(shippedTexts(), 'agent', 1, 0).text, /gleich ist jemand für Sie da/);
    assert.doesNotMatch(queuedAnswer(shippedTexts(), 'agent', 1, 0).text, /Minute/);
  });
});
