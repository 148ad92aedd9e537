/**
 * The local console: the same commands, buttons and free-text answers as the Discord bot, with
 * replies rendered as text. `handleLine` is pure apart from the session's last buttons, so it is
 * tested without a terminal; `runConsole` wires it to stdin/stdout.
 */
import { createInterface } from 'node:readline';
import { handleButton } from '../commands/buttons.ts';
import { findCommand } from '../commands/index.ts';
import { readOptions } from '../commands/options.ts';
import { type CommandOutcome, type Invoker, UserError } from '../commands/types.ts';
import type { EngineHolder } from '../engine/holder.ts';
import { noUnansweredLog, type UnansweredLog } from '../ops/unanswered.ts';
import { resultMessage } from '../replies/answer.ts';
import { messageText } from '../replies/plain-text.ts';
import { TEXT } from '../replies/strings.ts';
import { parseConsoleInput } from './parse.ts';

export const CONSOLE_BANNER = [
  'Election Q&A bot: local console (not connected to Discord).',
  'Ask a question in your own words, or use a command: /help, /results, /margin, /platform candidate:Norwood, /poll ...',
  'Type the number of a button to press it. Ctrl+D (or /quit) leaves.',
  'To connect to Discord, put DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env (see README) and run npm start again.',
].join('\n');

/** The console user: local, so allowed to run moderator commands. */
const LOCAL_USER: Invoker = { id: '0', name: 'you', isModerator: true };

export interface ConsoleSession {
  /** Handles one line; returns the text to print, or null to quit. */
  handleLine(line: string): string | null;
}

export function createConsoleSession(
  engines: EngineHolder,
  unanswered: UnansweredLog = noUnansweredLog,
): ConsoleSession {
  let buttons: { label: string; customId: string }[] = [];

  const render = (outcome: CommandOutcome): string => {
    const { text, buttons: next } = messageText(outcome.reply);
    buttons = next;
    const lines = [text];
    if (next.length > 0) lines.push(next.map((b, i) => `  [${i + 1}] ${b.label}`).join('\n'));
    const effect = outcome.effect;
    if (effect?.kind === 'pin-summary') {
      lines.push(
        '',
        '(In Discord this summary is posted in the channel and pinned; here it is shown instead:)',
      );
      lines.push(messageText(effect.message).text);
    } else if (effect?.kind === 'delete-message') {
      lines.push('(In Discord the answer would now be deleted.)');
    } else if (effect?.kind === 'reload-pack') {
      const r = engines.reload();
      lines.push(
        r.ok ? 'Knowledge pack reloaded.' : `Reload refused, still serving the old pack: ${r.error}`,
      );
    }
    return lines.join('\n');
  };

  const guarded = (run: () => CommandOutcome): string => {
    try {
      return render(run());
    } catch (err) {
      if (err instanceof UserError) return err.message;
      return `${TEXT.genericError} (${err instanceof Error ? err.message : String(err)})`;
    }
  };

  return {
    handleLine(line: string): string | null {
      const input = parseConsoleInput(line, (name) => {
        const data = findCommand(name)?.data;
        return data && 'options' in data ? new Set((data.options ?? []).map((o) => o.name)) : undefined;
      });
      // Read inside each guard: a holder that fails is reported like any other failure.
      const engine = () => engines.current();
      switch (input.kind) {
        case 'empty':
          return '';
        case 'button': {
          const b = buttons[input.index - 1];
          if (!b) return `There is no button ${input.index} on the last reply.`;
          return guarded(() => handleButton({ engine: engine(), customId: b.customId, invoker: LOCAL_USER }));
        }
        case 'question':
          return guarded(() => {
            const result = engine().answer(input.text);
            if (result.kind === 'abstention') unanswered.record(input.text, result, 'console');
            return { reply: resultMessage(result, { askerId: LOCAL_USER.id }) };
          });
        case 'command': {
          if (input.name === 'quit' || input.name === 'exit') return null;
          const command = findCommand(input.name);
          if (!command) return `There is no /${input.name} command. Try /help.`;
          return guarded(() => {
            // "/ask who won?" and "/platform norwood" work without the option name, as a convenience.
            const defined = 'options' in command.data ? (command.data.options ?? []) : [];
            const first = defined[0];
            const options =
              input.options.length === 0 && input.rest && first
                ? [{ name: first.name, value: input.rest }]
                : input.options;
            return command.execute({
              engine: engine(),
              options: readOptions(command.data, options),
              invoker: LOCAL_USER,
              channelId: 'console',
              guildId: null,
            });
          });
        }
      }
    },
  };
}

/** Runs the console on a terminal or a pipe until end of input. */
export async function runConsole(
  engines: EngineHolder,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
  unanswered: UnansweredLog = noUnansweredLog,
): Promise<void> {
  const interactive = 'isTTY' in input && input.isTTY === true;
  const session = createConsoleSession(engines, unanswered);
  output.write(`${CONSOLE_BANNER}\n\n`);
  const rl = createInterface({
    input,
    ...(interactive ? { output, prompt: '> ' } : {}),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  if (interactive) rl.prompt();
  for await (const line of rl) {
    if (!interactive && line.trim()) output.write(`> ${line}\n`);
    const out = session.handleLine(line);
    if (out === null) break;
    if (out) output.write(`${out}\n\n`);
    if (interactive) rl.prompt();
  }
  rl.close();
}
