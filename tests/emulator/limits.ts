/**
 * Discord's limits on what a bot sends, as pure validators. Each returns the problems it finds as
 * {@link Issue}s (empty when the payload is acceptable); the REST layer answers 50035 with them.
 *
 * Lengths are counted in Unicode code points, as Discord counts characters.
 */

/** One problem with a field of a request body, located by its path in the body. */
export interface Issue {
  path: Array<string | number>;
  code: string;
  message: string;
}

/** Discord's documented limits. */
const LIMITS = Object.freeze({
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  componentsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  componentsV2Total: 40,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
  chatInputCommands: 100,
  contextMenuCommands: 15,
  modalTitle: 45,
});

/** Discord's pattern for chat-input command and option names (they must also be lower case). */
const COMMAND_NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Message flag IS_COMPONENTS_V2: components are layout components, not action rows. */
const IS_COMPONENTS_V2 = 1 << 15;

type Path = Array<string | number>;

/** Narrows to a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Length in code points. */
function charCount(text: string): number {
  return [...text].length;
}

function tooLong(path: Path, max: number): Issue {
  return { path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` };
}

function badLength(path: Path, min: number, max: number): Issue {
  return { path, code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between ${min} and ${max} in length.` };
}

function required(path: Path): Issue {
  return { path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' };
}

/** Checks an optional string field's length; `min` > 0 makes an empty or missing value an issue too. */
function checkString(value: unknown, path: Path, max: number, min = 0): Issue[] {
  if (value === undefined || value === null) return min > 0 ? [required(path)] : [];
  if (typeof value !== 'string') return [];
  const length = charCount(value);
  if (min > 0 && (length < min || length > max)) return [badLength(path, min, max)];
  return length > max ? [tooLong(path, max)] : [];
}

function arrayAt(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Characters an embed counts toward the 6000 shared by all embeds of a message. */
function embedSize(embed: Record<string, unknown>): number {
  const text = (value: unknown) => (typeof value === 'string' ? charCount(value) : 0);
  const footer = isRecord(embed.footer) ? text(embed.footer.text) : 0;
  const author = isRecord(embed.author) ? text(embed.author.name) : 0;
  const fields = arrayAt(embed.fields).reduce<number>(
    (sum, field) => sum + (isRecord(field) ? text(field.name) + text(field.value) : 0),
    0,
  );
  return text(embed.title) + text(embed.description) + footer + author + fields;
}

/** Validates an `embeds` array: count, per-field lengths and the 6000 total. */
export function validateEmbeds(embeds: unknown, path: Path): Issue[] {
  if (!Array.isArray(embeds)) return [];
  const issues: Issue[] = [];
  if (embeds.length > LIMITS.embedsPerMessage) issues.push(tooLong(path, LIMITS.embedsPerMessage));
  let total = 0;
  embeds.forEach((embed, index) => {
    if (!isRecord(embed)) return;
    const at = [...path, index];
    total += embedSize(embed);
    issues.push(...checkString(embed.title, [...at, 'title'], LIMITS.embedTitle));
    issues.push(...checkString(embed.description, [...at, 'description'], LIMITS.embedDescription));
    if (isRecord(embed.footer)) {
      issues.push(...checkString(embed.footer.text, [...at, 'footer', 'text'], LIMITS.embedFooterText));
    }
    if (isRecord(embed.author)) {
      issues.push(...checkString(embed.author.name, [...at, 'author', 'name'], LIMITS.embedAuthorName));
    }
    const fields = arrayAt(embed.fields);
    if (fields.length > LIMITS.embedFields) issues.push(tooLong([...at, 'fields'], LIMITS.embedFields));
    fields.forEach((field, fieldIndex) => {
      if (!isRecord(field)) return;
      const fieldAt = [...at, 'fields', fieldIndex];
      issues.push(...checkString(field.name, [...fieldAt, 'name'], LIMITS.embedFieldName, 1));
      issues.push(...checkString(field.value, [...fieldAt, 'value'], LIMITS.embedFieldValue, 1));
    });
  });
  if (total > LIMITS.embedTotal) {
    issues.push({
      path,
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: `Embed size exceeds maximum size of ${LIMITS.embedTotal}`,
    });
  }
  return issues;
}

const BUTTON = 2;
const LINK_STYLE = 5;
const PREMIUM_STYLE = 6;
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

/** Validates one component inside an action row. */
function validateRowChild(component: Record<string, unknown>, path: Path): Issue[] {
  const issues: Issue[] = [];
  if (component.type === BUTTON) {
    issues.push(...checkString(component.label, [...path, 'label'], LIMITS.buttonLabel));
    if (component.style === LINK_STYLE) {
      if (typeof component.url !== 'string') issues.push(required([...path, 'url']));
      return issues;
    }
    if (component.style === PREMIUM_STYLE) return issues;
  }
  issues.push(...checkString(component.custom_id, [...path, 'custom_id'], LIMITS.customId, 1));
  if (component.type === 3) {
    const options = arrayAt(component.options);
    if (options.length > LIMITS.selectOptions)
      issues.push(tooLong([...path, 'options'], LIMITS.selectOptions));
  }
  return issues;
}

/** Validates classic components: up to 5 action rows of up to 5 buttons, or one select menu. */
function validateActionRows(rows: unknown[], path: Path): Issue[] {
  const issues: Issue[] = [];
  if (rows.length > LIMITS.actionRows) issues.push(tooLong(path, LIMITS.actionRows));
  rows.forEach((row, rowIndex) => {
    if (!isRecord(row)) return;
    const rowPath = [...path, rowIndex, 'components'];
    const children = arrayAt(row.components);
    if (children.length > LIMITS.componentsPerRow) issues.push(tooLong(rowPath, LIMITS.componentsPerRow));
    const hasSelect = children.some((child) => isRecord(child) && SELECT_TYPES.has(Number(child.type)));
    if (hasSelect && children.length > 1) {
      issues.push({
        path: rowPath,
        code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        message: 'The specified component exceeds the maximum width',
      });
    }
    children.forEach((child, childIndex) => {
      if (isRecord(child)) issues.push(...validateRowChild(child, [...rowPath, childIndex]));
    });
  });
  return issues;
}

/** Every custom_id in a component tree, with its path. */
function collectCustomIds(value: unknown, path: Path, out: Array<{ id: string; path: Path }>): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      collectCustomIds(item, [...path, index], out);
    });
    return;
  }
  if (!isRecord(value)) return;
  if (typeof value.custom_id === 'string') out.push({ id: value.custom_id, path: [...path, 'custom_id'] });
  for (const key of ['components', 'accessory']) {
    if (key in value) collectCustomIds(value[key], [...path, key], out);
  }
}

/** Validates a message's `components` (classic action rows, or Components V2 when the flag is set). */
export function validateComponents(components: unknown, path: Path, flags: unknown): Issue[] {
  if (!Array.isArray(components)) return [];
  const isV2 = typeof flags === 'number' && (flags & IS_COMPONENTS_V2) !== 0;
  const issues = isV2 ? [] : validateActionRows(components, path);
  const ids: Array<{ id: string; path: Path }> = [];
  collectCustomIds(components, path, ids);
  if (isV2 && ids.length > 0) {
    for (const { id, path: idPath } of ids) issues.push(...checkString(id, idPath, LIMITS.customId, 1));
  }
  const seen = new Set<string>();
  for (const { id, path: idPath } of ids) {
    if (seen.has(id)) {
      issues.push({
        path: idPath,
        code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
        message: 'Component custom id cannot be duplicated',
      });
    }
    seen.add(id);
  }
  return issues;
}

/** Validates a message body (create or edit): content, embeds and components. */
export function validateMessage(body: unknown, path: Path = []): Issue[] {
  if (!isRecord(body)) return [];
  return [
    ...checkString(body.content, [...path, 'content'], LIMITS.content),
    ...validateEmbeds(body.embeds, [...path, 'embeds']),
    ...validateComponents(body.components, [...path, 'components'], body.flags),
  ];
}

/** Whether a message body would create a message with nothing in it (Discord answers 50006). */
export function isEmptyMessage(body: unknown, fileCount: number): boolean {
  if (fileCount > 0) return false;
  if (!isRecord(body)) return true;
  const nonEmpty = (value: unknown) => Array.isArray(value) && value.length > 0;
  const hasContent = typeof body.content === 'string' && body.content.length > 0;
  return !(
    hasContent ||
    nonEmpty(body.embeds) ||
    nonEmpty(body.components) ||
    nonEmpty(body.sticker_ids) ||
    isRecord(body.poll)
  );
}

/** Validates the choices of an autocomplete answer (callback type 8). */
export function validateAutocompleteChoices(data: unknown, path: Path): Issue[] {
  if (!isRecord(data)) return [required(path)];
  const choices = arrayAt(data.choices);
  const issues: Issue[] = [];
  if (choices.length > LIMITS.autocompleteChoices) {
    issues.push(tooLong([...path, 'choices'], LIMITS.autocompleteChoices));
  }
  choices.forEach((choice, index) => {
    if (!isRecord(choice)) return;
    const at = [...path, 'choices', index];
    issues.push(...checkString(choice.name, [...at, 'name'], LIMITS.choiceName, 1));
    issues.push(...checkString(choice.value, [...at, 'value'], LIMITS.choiceValue));
  });
  return issues;
}

/** Validates a modal (callback type 9): custom_id, title and 1-5 components. */
export function validateModal(data: unknown, path: Path): Issue[] {
  if (!isRecord(data)) return [required(path)];
  const components = arrayAt(data.components);
  const issues = [
    ...checkString(data.custom_id, [...path, 'custom_id'], LIMITS.customId, 1),
    ...checkString(data.title, [...path, 'title'], LIMITS.modalTitle, 1),
  ];
  if (components.length < 1 || components.length > LIMITS.actionRows) {
    issues.push(badLength([...path, 'components'], 1, LIMITS.actionRows));
  }
  return issues;
}

const CHAT_INPUT = 1;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;

/** Checks a chat-input command or option name against Discord's pattern and lower-case rule. */
function checkChatInputName(name: unknown, path: Path): Issue[] {
  if (typeof name !== 'string') return [required(path)];
  if (COMMAND_NAME_PATTERN.test(name) && name === name.toLowerCase()) return [];
  return [{ path, code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' }];
}

function validateChoices(choices: unknown, path: Path): Issue[] {
  const list = arrayAt(choices);
  const issues: Issue[] = [];
  if (list.length > LIMITS.commandChoices) issues.push(tooLong(path, LIMITS.commandChoices));
  list.forEach((choice, index) => {
    if (!isRecord(choice)) return;
    issues.push(...checkString(choice.name, [...path, index, 'name'], LIMITS.choiceName, 1));
    issues.push(...checkString(choice.value, [...path, index, 'value'], LIMITS.choiceValue));
  });
  return issues;
}

/** Validates a list of command options, recursing into sub-commands and groups. */
function validateOptions(options: unknown, path: Path): Issue[] {
  const list = arrayAt(options);
  const issues: Issue[] = [];
  if (list.length > LIMITS.commandOptions) issues.push(tooLong(path, LIMITS.commandOptions));
  let seenOptional = false;
  list.forEach((option, index) => {
    if (!isRecord(option)) return;
    const at = [...path, index];
    issues.push(...checkChatInputName(option.name, [...at, 'name']));
    issues.push(...checkString(option.description, [...at, 'description'], LIMITS.commandDescription, 1));
    issues.push(...validateChoices(option.choices, [...at, 'choices']));
    const isGroup = option.type === SUB_COMMAND || option.type === SUB_COMMAND_GROUP;
    if (isGroup) {
      issues.push(...validateOptions(option.options, [...at, 'options']));
      return;
    }
    if (option.required === true && seenOptional) {
      issues.push({
        path: [...at, 'required'],
        code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        message: 'Required options must be placed before non-required options',
      });
    }
    if (option.required !== true) seenOptional = true;
  });
  return issues;
}

/** Validates one application command (chat input, user or message). */
export function validateCommand(command: unknown, path: Path): Issue[] {
  if (!isRecord(command)) return [required(path)];
  const type = command.type ?? CHAT_INPUT;
  if (type !== CHAT_INPUT) {
    return [
      ...checkString(command.name, [...path, 'name'], LIMITS.commandName, 1),
      ...(typeof command.description === 'string' && command.description.length > 0
        ? [
            {
              path: [...path, 'description'],
              code: 'BASE_TYPE_MAX_LENGTH',
              message: 'Must be 0 or fewer in length.',
            },
          ]
        : []),
    ];
  }
  return [
    ...checkChatInputName(command.name, [...path, 'name']),
    ...checkString(command.description, [...path, 'description'], LIMITS.commandDescription, 1),
    ...validateOptions(command.options, [...path, 'options']),
  ];
}

/** Validates a bulk-overwrite body: an array of commands with unique names per type, within the caps. */
export function validateCommandList(body: unknown): Issue[] {
  if (!Array.isArray(body)) return [{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const perType = new Map<unknown, number>();
  body.forEach((command, index) => {
    issues.push(...validateCommand(command, [index]));
    if (!isRecord(command)) return;
    const type = command.type ?? CHAT_INPUT;
    perType.set(type, (perType.get(type) ?? 0) + 1);
    const key = `${String(type)}:${String(command.name)}`;
    if (seen.has(key)) {
      issues.push({
        path: [index, 'name'],
        code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
        message: 'Application command names must be unique',
      });
    }
    seen.add(key);
  });
  for (const [type, count] of perType) {
    const cap = type === CHAT_INPUT ? LIMITS.chatInputCommands : LIMITS.contextMenuCommands;
    if (count > cap) issues.push(tooLong([], cap));
  }
  return issues;
}
