import { ask, type CommandContext, type Flow, type Outcome } from '../../core/command.ts';
import type { Reply } from '../../core/message.ts';
import { parseSlots, type CheckupSlot as SlotSpec, type SlotsResult } from '../../domain/checkup-slots.ts';
import { EMPLOYMENT_STATUSES, HONOUR_CATEGORIES, LEVELS, isOnRoll } from '../../domain/vocabulary.ts';
import { SKIP_WORDS, findNamed } from '../honorees/index.ts';
import type { FeatureDeps } from '../feature.ts';
import { findInvitees, type Audience } from './audience.ts';
import { planCampaign } from './plan-campaign.ts';

export const CAMPAIGN_FLOW = 'checkups.new';

type Step = 'year' | 'hospital' | 'address' | 'preparation' | 'slots' | 'audience' | 'level' | 'category' | 'status' | 'names' | 'confirm';

interface CampaignDraft {
  step: Step;
  year?: number;
  hospital?: string;
  address?: string;
  preparation?: string;
  slots?: SlotSpec[];
  audience?: Audience;
}

const MAX_TEXT = { hospital: 50, address: 100, preparation: 200 } as const;
const AUDIENCES = ['all', 'level', 'category', 'status', 'priority', 'names'] as const;
/** The statuses of people still in the union's care (the others are never invited). */
const STATUSES = EMPLOYMENT_STATUSES.filter((s): s is Exclude<typeof s, 'deceased' | 'left'> => isOnRoll(s));

/** 体检 新建: the first question of the guided creation of a campaign. */
export function startCampaign(ctx: CommandContext): Outcome {
  return ask(CAMPAIGN_FLOW, { step: 'year' } satisfies CampaignDraft, { text: ctx.t('checkups.new.ask_year', { example: Number(ctx.today().slice(0, 4)) + 1 }) });
}

/**
 * The creation of a campaign, one question at a time: year, hospital, address, preparation,
 * slots, whom to invite; then the count, and nothing is written or sent before 确认.
 */
export function campaignFlow(deps: FeatureDeps): Flow {
  return {
    name: CAMPAIGN_FLOW,
    interruptible: false,
    async step(ctx, raw, input) {
      const draft = raw as CampaignDraft;
      const text = (input.text ?? '').trim();
      const t = ctx.t;
      const next = (d: CampaignDraft, reply: Reply) => ask(CAMPAIGN_FLOW, d, reply);
      switch (draft.step) {
        case 'year': {
          const year = Number(text.normalize('NFKC').replace(/年$/, ''));
          const thisYear = Number(ctx.today().slice(0, 4));
          if (!Number.isInteger(year) || year < thisYear || year > thisYear + 1) return next(draft, { text: t('checkups.new.bad_year', { example: thisYear + 1 }) });
          return next({ ...draft, step: 'hospital', year }, { text: t('checkups.new.ask_hospital') });
        }
        case 'hospital':
          if (!text || text.length > MAX_TEXT.hospital) return next(draft, { text: t('checkups.new.bad_text', { max: MAX_TEXT.hospital, example: t('checkups.new.example_hospital') }) });
          return next({ ...draft, step: 'address', hospital: text }, { text: t('checkups.new.ask_address') });
        case 'address':
          if (!text || text.length > MAX_TEXT.address) return next(draft, { text: t('checkups.new.bad_text', { max: MAX_TEXT.address, example: t('checkups.new.example_address') }) });
          return next({ ...draft, step: 'preparation', address: text }, { text: t('checkups.new.ask_preparation') });
        case 'preparation': {
          if (text.length > MAX_TEXT.preparation) return next(draft, { text: t('checkups.new.bad_text', { max: MAX_TEXT.preparation, example: t('checkups.new.example_preparation') }) });
          const preparation = SKIP_WORDS.has(text.toLowerCase()) ? '' : text;
          return next({ ...draft, step: 'slots', preparation }, { text: t('checkups.new.ask_slots') });
        }
        case 'slots': {
          const parsed = parseSlots(text, ctx.today());
          if (!parsed.ok) return next(draft, { text: slotProblem(ctx, parsed) });
          const withSlots = { ...draft, slots: parsed.slots };
          // Back here after too few places: the audience was chosen already.
          if (draft.audience) return confirm(ctx, deps, { ...withSlots, step: 'confirm' });
          return next({ ...withSlots, step: 'audience' }, audienceQuestion(ctx));
        }
        case 'audience': {
          const kind = AUDIENCES.find((a) => a === input.choice);
          if (!kind) return next(draft, audienceQuestion(ctx));
          if (kind === 'all' || kind === 'priority') return confirm(ctx, deps, { ...draft, step: 'confirm', audience: { kind } });
          if (kind === 'level' || kind === 'category' || kind === 'status') return next({ ...draft, step: kind }, whichQuestion(ctx, kind));
          return next({ ...draft, step: 'names' }, { text: t('checkups.new.ask_names') });
        }
        case 'level': {
          const level = LEVELS.find((l) => l === input.choice);
          if (!level) return next(draft, whichQuestion(ctx, 'level'));
          return confirm(ctx, deps, { ...draft, step: 'confirm', audience: { kind: 'level', level } });
        }
        case 'category': {
          const category = HONOUR_CATEGORIES.find((c) => c === input.choice);
          if (!category) return next(draft, whichQuestion(ctx, 'category'));
          return confirm(ctx, deps, { ...draft, step: 'confirm', audience: { kind: 'category', category } });
        }
        case 'status': {
          const status = STATUSES.find((s) => s === input.choice);
          if (!status) return next(draft, whichQuestion(ctx, 'status'));
          return confirm(ctx, deps, { ...draft, step: 'confirm', audience: { kind: 'status', status } });
        }
        case 'names': {
          const found = await findNamed(deps.db, text);
          if ('problem' in found) return next(draft, { text: t(`checkups.new.names_${found.problem}`, found.params) });
          return confirm(ctx, deps, { ...draft, step: 'confirm', audience: { kind: 'names', ids: found.ids } });
        }
        case 'confirm': {
          if (input.choice === 'cancel') return { text: ctx.t('checkups.new.cancelled') };
          if (input.choice !== 'send') return confirm(ctx, deps, draft);
          return planCampaign(deps, ctx, { year: draft.year!, hospital: draft.hospital!, address: draft.address!, preparation: draft.preparation ?? '', slots: draft.slots!, audience: draft.audience! });
        }
      }
    },
  };
}

/** What is wrong with the slots typed, naming the line at fault, with an example. */
function slotProblem(ctx: CommandContext, r: Exclude<SlotsResult, { ok: true }>): string {
  if (r.problem === 'no_slots') return ctx.t('checkups.new.ask_slots');
  const problem = ctx.t(`checkups.slot_problems.${r.problem}`, { value: r.value ?? '', first: 'firstLine' in r ? r.firstLine : '' });
  return ctx.t('checkups.new.bad_slot', { line: r.text, problem });
}

/** Which level, category or status: the words each is listed by. */
const WHICH = {
  level: { values: LEVELS, vocab: 'levels' },
  category: { values: HONOUR_CATEGORIES, vocab: 'categories' },
  status: { values: STATUSES, vocab: 'statuses' },
} as const;

function whichQuestion(ctx: CommandContext, kind: keyof typeof WHICH): Reply {
  const { values, vocab } = WHICH[kind];
  return { text: ctx.t(`checkups.new.ask_${kind}`), choices: values.map((v) => ({ id: v, label: ctx.t(`vocab.${vocab}.${v}`) })) };
}

function audienceQuestion(ctx: CommandContext): Reply {
  return { text: ctx.t('checkups.new.ask_audience'), choices: AUDIENCES.map((a) => ({ id: a, label: ctx.t(`checkups.audience.${a}`) })) };
}

/** The count, and the question whether to send; nobody to invite, or too few places, said plainly. */
async function confirm(ctx: CommandContext, deps: FeatureDeps, draft: CampaignDraft): Promise<Outcome> {
  const t = ctx.t;
  const invitees = await findInvitees(deps.db, draft.audience!, draft.year!);
  if (!invitees.length) return { text: t('checkups.new.nobody') };
  const capacity = draft.slots!.reduce((sum, s) => sum + s.capacity, 0);
  if (invitees.length > capacity) return ask(CAMPAIGN_FLOW, { ...draft, step: 'slots' }, { text: t('checkups.new.over_capacity', { count: invitees.length, capacity }) });
  const priority = invitees.filter((i) => i.priority).length;
  return ask(CAMPAIGN_FLOW, draft, {
    text: t('checkups.new.confirm', {
      year: draft.year!,
      hospital: draft.hospital!,
      address: draft.address!,
      slots: draft.slots!.length,
      capacity,
      // Every slot as it will be sent: a wrong date is seen before the invitations go.
      list: draft.slots!.map((s) => t('checkups.new.slot_line', { date: s.date, label: s.label, capacity: s.capacity })).join('\n'),
      count: invitees.length,
      priority,
      audience: t(`checkups.audience.${draft.audience!.kind}`),
    }),
    choices: [
      { id: 'send', label: t('checkups.new.send') },
      { id: 'cancel', label: t('checkups.new.cancel') },
    ],
  });
}
