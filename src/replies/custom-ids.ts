/**
 * Button ids. Every id starts with a version so a click on a button from an older build is
 * recognised and answered politely instead of misread. Ids are parsed strictly: anything else,
 * forged or stale, is `undefined`.
 */

export const CUSTOM_ID_VERSION = 'v1';

export type ButtonAction =
  /** A "did you mean" suggestion: answer this fact. */
  | { readonly kind: 'ask'; readonly factId: string }
  /** Feedback on an answer. */
  | { readonly kind: 'feedback'; readonly helpful: boolean; readonly factId: string }
  /** Delete the answer; allowed for the asker (this user id) and moderators. */
  | { readonly kind: 'delete'; readonly askerId: string };

const ID = /^[a-z0-9-]{1,60}$/;
const SNOWFLAKE = /^\d{1,25}$/;

/** Encodes a button action as a custom id (at most 100 characters). */
export function encodeButton(action: ButtonAction): string {
  switch (action.kind) {
    case 'ask':
      return `${CUSTOM_ID_VERSION}:ask:${action.factId}`;
    case 'feedback':
      return `${CUSTOM_ID_VERSION}:fb:${action.helpful ? 'up' : 'down'}:${action.factId}`;
    case 'delete':
      return `${CUSTOM_ID_VERSION}:del:${action.askerId}`;
  }
}

/** The outcome of reading a custom id. */
export type DecodedButton =
  | { readonly ok: true; readonly action: ButtonAction }
  | { readonly ok: false; readonly stale: boolean };

/** Decodes a custom id; `stale` marks an id from another version of the bot. */
export function decodeButton(customId: string): DecodedButton {
  if (typeof customId !== 'string' || customId.length > 100) return { ok: false, stale: false };
  const parts = customId.split(':');
  const [version, kind, a, b] = parts;
  if (version !== CUSTOM_ID_VERSION) return { ok: false, stale: /^v\d+$/.test(version ?? '') };
  if (kind === 'ask' && parts.length === 3 && a && ID.test(a))
    return { ok: true, action: { kind: 'ask', factId: a } };
  if (kind === 'fb' && parts.length === 4 && (a === 'up' || a === 'down') && b && ID.test(b)) {
    return { ok: true, action: { kind: 'feedback', helpful: a === 'up', factId: b } };
  }
  if (kind === 'del' && parts.length === 3 && a && SNOWFLAKE.test(a)) {
    return { ok: true, action: { kind: 'delete', askerId: a } };
  }
  return { ok: false, stale: false };
}
