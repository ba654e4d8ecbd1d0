import { ask, isContinue, type Command, type CommandContext, type Flow, type FlowInput, type Outcome } from '../../core/command.ts';
import { isUserError, UserError } from '../../core/errors.ts';
import type { Reply } from '../../core/message.ts';
import type { Db } from '../../db/client.ts';
import { VISIT_KINDS, type VisitKind } from '../../domain/vocabulary.ts';
import { resolveHonoree } from '../honorees/index.ts';
import { money } from './format.ts';
import { kindOf, parseVisitLine, type VisitLine } from './parse-visit-line.ts';
import { recordVisit } from './record-visit.ts';

const FLOW = 'visits.record';
const KEYWORDS = ['走访', '慰问', 'visit'];
/** The command typed again with a line after it (`走访 李四 电话`); the engine handles `/visit ...` itself. */
const RESTART = new RegExp(`^(?:${KEYWORDS.join('|')})\\s+(\\S[\\s\\S]*)$`, 'i');

interface Person {
  id: number;
  fileNo: string;
  name: string;
}

/** The parts of a line other than who and how: date, money, gifts, notes. */
type Draft = Omit<VisitLine, 'who' | 'rest' | 'restDated' | 'kind'>;

/** What is already known while a missing part is asked for; JSON, kept in the database. */
type State = { step: 'who'; rest: string } | { step: 'kind'; person: Person; line: Draft };

/** A name this long is a whole sentence typed without spaces; show only its start. */
const shortQuery = (q: string) => (q.length > 20 ? `${q.slice(0, 20)}…` : q);

function askWho(ctx: CommandContext, state: State & { step: 'who' }, before?: string): Outcome {
  const question = `${ctx.t('visits.ask_who')}\n${ctx.t('common.cancel_hint')}`;
  return ask(FLOW, state, { text: before ? `${before}\n${question}` : question });
}

function askKind(ctx: CommandContext, state: State & { step: 'kind' }, before?: string): Outcome {
  const question = ctx.t('visits.ask_kind', { name: state.person.name, fileNo: state.person.fileNo });
  return ask(FLOW, state, {
    text: [before, question, ctx.t('common.cancel_hint')].filter(Boolean).join('\n'),
    choices: VISIT_KINDS.map((k) => ({ id: k, label: ctx.t(`vocab.visit_kinds.${k}`) })),
  });
}

async function save(db: Db, ctx: CommandContext, person: Person, kind: VisitKind, line: Draft): Promise<Reply> {
  const { sameDay } = await recordVisit(db, ctx.actor, {
    honoreeId: person.id,
    kind,
    visitDate: line.date,
    moneyFen: line.moneyFen,
    gifts: line.gifts,
    notes: line.notes,
    recordedById: ctx.account.id,
  });
  const none = ctx.t('common.none');
  const kindLabel = ctx.t(`vocab.visit_kinds.${kind}`);
  const lines = [
    ctx.t('visits.saved', {
      name: person.name,
      fileNo: person.fileNo,
      date: line.date === ctx.today() ? ctx.t('visits.date_today', { date: line.date }) : line.date,
      kind: kindLabel,
      money: line.moneyFen ? money(ctx.locale, line.moneyFen) : none,
      gifts: line.gifts ?? none,
      notes: line.notes ?? none,
    }),
  ];
  if (sameDay) lines.push(ctx.t('visits.same_day', { name: person.name, date: line.date, kind: kindLabel, count: sameDay, fileNo: person.fileNo }));
  return { text: lines.join('\n') };
}

/** Puts a reply before what an outcome says, keeping a question open if it asks one. */
function saying(first: Reply, o: Outcome): Outcome {
  if (isContinue(o)) return { ...o, replies: [first, ...o.replies] };
  return [first, ...(Array.isArray(o) ? o : [o])];
}

/**
 * 走访 /visit: one line records one visit, e.g. `走访 张三 电话 慰问金500元 身体恢复良好`.
 * A missing person or kind is asked for, keeping what was typed; nothing is saved until all is known.
 */
export function visitCommand(db: Db): { command: Command; flow: Flow } {
  /**
   * Takes a whole line: saves it, or asks for what is missing, or offers a pick-list. `asked` is
   * the open "who?" question the line answers: a name not found asks it again as it was, so no
   * word of a wrong answer (`走访记录 1900`) is kept for the next one.
   */
  async function proceed(ctx: CommandContext, args: string, asked?: State & { step: 'who' }): Promise<Outcome> {
    // Plain numbers that are file numbers on record: the person, not an amount.
    const numbers = args.normalize('NFKC').split(/\s+/).filter((w) => /^\d+$/.test(w)).slice(0, 20);
    const fileNos = numbers.length ? new Set((await db.honoree.findMany({ where: { fileNo: { in: numbers } }, select: { fileNo: true } })).map((h) => h.fileNo)) : new Set<string>();
    const parsed = parseVisitLine(args, ctx.today(), fileNos);
    if (!parsed.ok) throw new UserError(parsed.error.key, parsed.error.params);
    const { who, rest, restDated, kind, ...line } = parsed.line;
    if (!who) return askWho(ctx, { step: 'who', rest });
    let resolved;
    try {
      // A choice may be picked days later: its line names the day (never 昨天, never "today").
      resolved = await resolveHonoree(db, ctx.t, who, (ref) => `/visit ${ref} ${restDated}`);
    } catch (err) {
      if (!isUserError(err) || err.key !== 'honorees.not_found') throw err;
      if (asked) return askWho(ctx, asked, ctx.t('visits.not_found_again', { query: shortQuery(who) }));
      throw new UserError('visits.not_found', { query: shortQuery(who) });
    }
    if (resolved.pick) return resolved.pick;
    const person = { id: resolved.one.id, fileNo: resolved.one.fileNo, name: resolved.one.name };
    if (!kind) return askKind(ctx, { step: 'kind', person, line });
    return save(db, ctx, person, kind, line);
  }

  const command: Command = {
    id: 'visit',
    keywords: KEYWORDS,
    slash: 'visit',
    roles: ['staff'],
    // Notes often hold health details: kept out of group chats.
    where: 'private',
    run: (ctx, args) => proceed(ctx, args),
  };

  const flow: Flow = {
    name: FLOW,
    interruptible: false,
    // A bare kind word such as 走访 answers "which kind?" though it is also the command's keyword;
    // the command typed again with a whole line starts over with that line.
    claims: (raw, input) => RESTART.test((input.text ?? '').trim()) || ((raw as State).step === 'kind' && kindOf(input.text ?? '') !== undefined),
    async step(ctx, raw, input: FlowInput) {
      const state = raw as State;
      const answer = (input.text ?? '').trim();
      // A whole new visit line typed instead of an answer starts over with that line. A bare kind
      // word such as 走访 stays an answer; only the keyword followed by more is a new command.
      const again = RESTART.exec(answer);
      if (again) return saying({ text: ctx.t('common.flow_abandoned') }, await proceed(ctx, again[1]));
      if (state.step === 'who') {
        if (!answer) return askWho(ctx, state);
        try {
          // The answer may bring more than the name (`张三 电话`): read it together with the rest.
          return await proceed(ctx, `${answer} ${state.rest}`, state);
        } catch (err) {
          if (!isUserError(err)) throw err;
          return askWho(ctx, state, ctx.t(err.key, err.params));
        }
      }
      const kind = (VISIT_KINDS as readonly string[]).includes(input.choice ?? '') ? (input.choice as VisitKind) : kindOf(answer);
      if (!kind) return askKind(ctx, state, ctx.t('visits.kind_unknown', { answer: shortQuery(answer) }));
      return save(db, ctx, state.person, kind, state.line);
    },
  };
  return { command, flow };
}
