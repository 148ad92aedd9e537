/**
 * English word lists the matcher needs that belong to no knowledge pack: function words that carry
 * no meaning for matching, chat slang mapped to plain words, and the auxiliaries that open a yes/no
 * question.
 */

/**
 * Words ignored when matching: they neither help a fact nor count against one. The lexicon is
 * matched first, so a word listed here that a pack gives meaning to (e.g. "want") keeps it.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above actually after again all almost also am an and any anything are aren around as at
  be because been before being below between both but by can cannot could couldn
  did didn do does doesn doing don done down during each else even ever every exactly
  few for from further get had hadn has hasn have haven having he her here hers herself him himself his
  i if in into is isn it its itself just kind know let like ll lot lots me mean might more most much must my myself
  no nor not now of off on once only or other our ours ourselves out over own
  please pls plz quite rather re really same say see she should shouldn so some something such
  tell than that the their theirs them themselves then there these they this those through to too
  under until up upon us very was wasn we were weren what whatever which while will with would wouldn
  you your yours yourself yourselves
  hey hi hello yo yoo sup ok okay okk um uh uhh hmm lol lmao lmfao rofl omg wtf bro bruh dude guys guy man fam
  fr ngl tbh idk imo imho btw pls thx thanks thank-you cool nice real quick quickly q question questions
  bot bots anyone someone somebody anybody people folks y'all yall ya
  wondering wonder curious tell know remind explain explained help me need want wanna gonna gotta
  basically literally honestly seriously just simply again ever also still even
  exact exactly precisely specifically briefly short
  roughly approximately approx around nearly like
  friend friends roommate roommates mom dad ta prof professor teacher classmate classmates someone somebody
  heard hear sorry confused dumb noob newbie im ive
  list listed kinds kind types type sorts sort main key major keep keeps actually article's
  lady woman guy person folks became become becoming used next full line lines every item items everything stuff going
  kindly identify provide specify indicate give ms mrs mr dr
  cousin sister brother aunt uncle grandma grandpa girlfriend boyfriend bf gf
  final prominent notable famous important influential well-known cannot toward towards something
  per totally missed soooo sooo soo omgg read central core keeping making make gonna gotta
  nah nope yea yeah yep ya gave give gives`.split(/\s+/),
);

/** Chat spellings and abbreviations, mapped to the word the lexicon knows. */
export const SLANG: ReadonlyMap<string, string> = new Map([
  ['wat', 'what'],
  ['wut', 'what'],
  ['wht', 'what'],
  ['waht', 'what'],
  ['whta', 'what'],
  ['hwo', 'how'],
  ['wen', 'when'],
  ['rn', 'now'],
  ['artical', 'article'],
  ['articel', 'article'],
  ['smth', 'something'],
  ['sth', 'something'],
  ['pts', 'points'],
  ['pt', 'points'],
  ['cant', 'cannot'],
  ['wont', 'will'],
  ['didnt', 'not'],
  ['doesnt', 'not'],
  ['isnt', 'not'],
  ['wasnt', 'not'],
  ['wher', 'where'],
  ['woh', 'who'],
  ['yr', 'year'],
  ['yrs', 'years'],
  ['whats', 'what'],
  ['whos', 'who'],
  ['hw', 'how'],
  ['u', 'you'],
  ['ur', 'your'],
  ['r', 'are'],
  ['abt', 'about'],
  ['bout', 'about'],
  ['ppl', 'people'],
  ['pct', 'percent'],
  ['perc', 'percent'],
  ['percentages', 'percentage'],
  ['thru', 'through'],
  ['tho', 'though'],
  ['cuz', 'because'],
  ['bc', 'because'],
  ['b4', 'before'],
  ['govt', 'government'],
  ['gov', 'government'],
  ['prez', 'president'],
  ['w', 'with'],
  ['n', 'and'],
  ['nd', 'and'],
  ['da', 'the'],
  ['dat', 'that'],
  ['diff', 'difference'],
  ['one', '1'],
  ['two', '2'],
  ['three', '3'],
  ['four', '4'],
  ['five', '5'],
  ['six', '6'],
  ['seven', '7'],
  ['eight', '8'],
  ['nine', '9'],
  ['ten', '10'],
  ['endorsment', 'endorsement'],
  ['endorsments', 'endorsements'],
]);

/** Words that open a yes/no question ("Did Norwood win?"). */
export const POLAR_OPENERS: ReadonlySet<string> = new Set(
  `is was did does do can could will would has have are were should shall may might isn wasn didn doesn don
  couldn won wouldn hasn haven aren weren shouldn`.split(/\s+/),
);

/** Leading words skipped before looking for a yes/no opener ("yo did keisha win"). */
export const LEADING_FILLERS: ReadonlySet<string> = new Set(
  `yo hey hi hello so ok okay um uh hmm wait quick question q bot pls please and but also lol bro dude`.split(
    /\s+/,
  ),
);
