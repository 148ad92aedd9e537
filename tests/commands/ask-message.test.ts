import { beforeAll, describe, expect, it } from 'vitest';
import { askMessage } from '../../src/commands/ask-message.ts';
import type { QaEngine } from '../../src/engine/index.ts';
import { TEXT } from '../../src/replies/strings.ts';
import { loadTestEngine, onlyEmbed, runCommand } from '../support/bot.ts';

let engine: QaEngine;
beforeAll(() => {
  engine = loadTestEngine();
});

const onMessage = (content: string) =>
  runCommand(engine, askMessage.data.name, [], { targetMessage: { id: '1', content } }).reply;

describe('Ask the election bot (message context menu)', () => {
  it.each(['', '   \n  '])(
    'GIVEN a message with no text (%j) THEN privately says there is nothing to answer',
    (text) => {
      const reply = onMessage(text);
      expect(reply.content).toBe(TEXT.contextMenuEmpty);
      expect(reply.flags).toBe(64);
    },
  );

  it('GIVEN no target message THEN privately says there is nothing to answer', () => {
    const reply = runCommand(engine, askMessage.data.name).reply;
    expect(reply.content).toBe(TEXT.contextMenuEmpty);
  });

  it("GIVEN a message asking a question THEN answers it with the message's text as the question", () => {
    const embed = onlyEmbed(onMessage('how close was the race?'));
    expect(embed.title).toBe('how close was the race?');
    expect(embed.description).toContain(`${engine.kb.values.get('runoff.marginVotes')} votes`);
  });
});
