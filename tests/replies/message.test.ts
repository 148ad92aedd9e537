import {
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { type ButtonRow, button, buttonRows, finalizeMessage } from '../../src/replies/message.ts';
import { limitProblems } from '../support/limits.ts';

/** A button built by hand, bypassing `button()`, as a careless caller might. */
function rawButton(label: string, customId: string): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, label, custom_id: customId };
}

function row(count: number, prefix: string): ButtonRow {
  return {
    type: ComponentType.ActionRow,
    components: Array.from({ length: count }, (_, i) => rawButton(`${prefix}${i}`, `${prefix}${i}`)),
  };
}

function embedTotal(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

describe('finalizeMessage', () => {
  it('GIVEN any message THEN it parses no mentions and does not ping the replied-to user', () => {
    const out = finalizeMessage({ content: '@everyone <@123> <@&456> look' });
    expect(out.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('GIVEN 10,000 characters of content THEN it is cut to 2,000 ending with an ellipsis', () => {
    const content = 'x'.repeat(10_000);
    const out = finalizeMessage({ content });
    expect(out.content).toHaveLength(2000);
    expect(out.content?.endsWith('…')).toBe(true);
    expect(content.startsWith(out.content?.slice(0, -1) ?? '')).toBe(true);
  });

  it('GIVEN content within the limit THEN it is sent unchanged', () => {
    expect(finalizeMessage({ content: 'Who won?' }).content).toBe('Who won?');
  });

  it('GIVEN 30 fields THEN the first 25 are kept, in order', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: `v${i}` }));
    const out = finalizeMessage({ embeds: [{ fields }] });
    expect(out.embeds?.[0]?.fields?.map((f) => f.name)).toEqual(fields.slice(0, 25).map((f) => f.name));
  });

  it('GIVEN over-long title, description, field, footer and author THEN each is cut to its limit', () => {
    const out = finalizeMessage({
      embeds: [
        {
          title: 't'.repeat(300),
          description: 'd'.repeat(5000),
          fields: [{ name: 'n'.repeat(300), value: 'v'.repeat(2000) }],
          footer: { text: 'f'.repeat(3000) },
          author: { name: 'a'.repeat(300) },
        },
      ],
    });
    expect(limitProblems(out)).toEqual([]);
    const e = out.embeds?.[0];
    expect(e?.title).toHaveLength(256);
    expect(e?.fields?.[0]?.value).toHaveLength(1024);
    expect(e?.fields?.[0]?.value.endsWith('…')).toBe(true);
  });

  it('GIVEN an empty field THEN it gets a placeholder Discord accepts', () => {
    const out = finalizeMessage({ embeds: [{ fields: [{ name: '', value: '' }] }] });
    expect(limitProblems(out)).toEqual([]);
  });

  it('GIVEN an embed over 6,000 characters in all THEN its description is trimmed and its fields kept', () => {
    const fields = Array.from({ length: 3 }, (_, i) => ({ name: `Field ${i}`, value: 'v'.repeat(1000) }));
    const input: APIEmbed = { title: 'Results', description: 'd'.repeat(4096), fields };
    expect(embedTotal(input)).toBeGreaterThan(6000);
    const out = finalizeMessage({ embeds: [input] });
    const e = out.embeds?.[0];
    expect(e).toBeDefined();
    if (!e) return;
    expect(embedTotal(e)).toBeLessThanOrEqual(6000);
    expect(e.fields).toEqual(fields);
    expect(e.description?.endsWith('…')).toBe(true);
    expect(limitProblems(out)).toEqual([]);
  });

  it('GIVEN several embeds together over 6,000 characters THEN the total is brought under 6,000', () => {
    const embeds: APIEmbed[] = Array.from({ length: 3 }, (_, i) => ({
      title: `Embed ${i}`,
      description: 'd'.repeat(3000),
    }));
    const out = finalizeMessage({ embeds });
    const total = (out.embeds ?? []).reduce((n, e) => n + embedTotal(e), 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(out.embeds?.[0]?.title).toBe('Embed 0');
  });

  it('GIVEN 11 embeds THEN 10 are sent', () => {
    const embeds = Array.from({ length: 11 }, (_, i) => ({ title: `e${i}` }));
    expect(finalizeMessage({ embeds }).embeds).toHaveLength(10);
  });

  it('GIVEN 7 rows of 7 buttons THEN 5 rows of 5 are sent', () => {
    const components = Array.from({ length: 7 }, (_, r) => row(7, `r${r}b`));
    const out = finalizeMessage({ content: 'pick', components });
    expect(out.components).toHaveLength(5);
    for (const r of out.components ?? []) expect(r.components).toHaveLength(5);
    expect(out.components?.[0]?.components[0]?.custom_id).toBe('r0b0');
  });

  it('GIVEN a button with a label over 80 characters THEN the label is cut to 80', () => {
    const out = finalizeMessage({
      content: 'pick',
      components: [{ type: ComponentType.ActionRow, components: [rawButton('L'.repeat(200), 'v1:ask:x')] }],
    });
    expect(out.components?.[0]?.components[0]?.label).toHaveLength(80);
    expect(limitProblems(out)).toEqual([]);
  });

  it('GIVEN a custom id over 100 characters THEN it is cut to 100', () => {
    const out = finalizeMessage({
      content: 'pick',
      components: [
        { type: ComponentType.ActionRow, components: [rawButton('Go', `v1:ask:${'x'.repeat(200)}`)] },
      ],
    });
    expect(out.components?.[0]?.components[0]?.custom_id).toHaveLength(100);
  });

  it('GIVEN nothing to show THEN the message still has content, since Discord refuses an empty one', () => {
    const out = finalizeMessage({ content: '', embeds: [], components: [] });
    expect(out).toEqual({ content: '\u200B', allowed_mentions: { parse: [], replied_user: false } });
  });

  it('GIVEN an embed whose fields alone pass 6,000 characters THEN fields are dropped from the end, not the embed', () => {
    const fields = Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(1000) }));
    const out = finalizeMessage({ embeds: [{ title: 't', fields }] });
    expect(out.embeds).toHaveLength(1);
    const e = out.embeds?.[0];
    const total =
      (e?.title?.length ?? 0) + (e?.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(e?.fields?.[0]?.name).toBe('f0');
  });

  it('GIVEN the ephemeral flag THEN it is kept', () => {
    expect(finalizeMessage({ content: 'only you', flags: 64 }).flags).toBe(64);
  });
});

describe('button', () => {
  it('GIVEN a label over 80 characters THEN it is cut to 80 with an ellipsis', () => {
    const b = button('Q'.repeat(120), 'v1:ask:winner');
    expect(b.label).toHaveLength(80);
    expect(b.label?.endsWith('…')).toBe(true);
  });

  it('GIVEN an emoji THEN the button carries it', () => {
    expect(button('Helpful', 'v1:fb:up:winner', ButtonStyle.Secondary, '👍').emoji).toEqual({ name: '👍' });
  });
});

describe('buttonRows', () => {
  it('GIVEN 12 buttons THEN they are laid out 5, 5, 2 in order', () => {
    const buttons = Array.from({ length: 12 }, (_, i) => button(`b${i}`, `id${i}`));
    const rows = buttonRows(buttons);
    expect(rows.map((r) => r.components.length)).toEqual([5, 5, 2]);
    expect(rows.flatMap((r) => r.components.map((b) => b.custom_id))).toEqual(
      buttons.map((b) => b.custom_id),
    );
  });

  it('GIVEN 30 buttons THEN at most 5 rows are made', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => button(`b${i}`, `id${i}`));
    expect(buttonRows(buttons)).toHaveLength(5);
  });

  it('GIVEN no buttons THEN no rows', () => {
    expect(buttonRows([])).toEqual([]);
  });
});
