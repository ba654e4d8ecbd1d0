import type { Command, Flow } from '../core/command.ts';
import type { PublicCommand } from '../core/engine.ts';
import type { Locale, Translate } from '../core/i18n.ts';
import type { AvailabilityReaction } from '../core/availability.ts';
import type { FriendRequestReaction } from '../core/channel.ts';
import type { MembershipReaction } from '../core/membership.ts';
import type { ChannelName } from '../core/message.ts';
import type { Role } from '../core/roles.ts';
import type { StandingQuestions } from '../core/standing.ts';
import type { Db } from '../db/client.ts';
import type { QuietHours } from '../domain/quiet-hours.ts';

/** What every feature is built from. */
export interface FeatureDeps {
  db: Db;
  /** Prefix of automatically given file numbers (档案号), e.g. "LM" -> LM00001. */
  fileNoPrefix: string;
  inviteTtlHours: number;
  /** Largest accepted upload, in bytes. */
  maxUploadBytes: number;
  /** The office's time zone (IANA), for times in file names; UTC when not given. */
  timeZone?: string;
  telegramBotUsername?: () => string | undefined;
  /** "Now", for what is stamped outside a command (an account's last seen); tests fix it. */
  clock?: () => Date;
  /** The office's language: what the bot writes on its own to groups is in it. */
  defaultLocale?: Locale;
  /** A translator per language, for messages written outside a command (the daily digest). */
  translate?: (locale: Locale) => Translate;
  /** When the daily digest goes to the notification groups (HH:MM, office time); default 08:30. */
  digestTime?: string;
  /** The digest lists priority-register honorees not visited for this many days; default 90. */
  visitGapDays?: number;
  /** A festival's visit plan is drafted this many days before it; default 21. */
  planLeadDays?: number;
  /** Days before a subsidy's due date the digest reminds staff; default 14 and 3. */
  subsidyRemindDays?: readonly number[];
  /** When the bot starts no conversation with an honoree (HONORCARE_QUIET_HOURS); null: any time. */
  quietHours?: QuietHours | null;
  /** What every feature says when an honour is added, known once all features are made. */
  honourNotes?: () => HonourNote[];
  /** Every feature's part of a file's view, known once all features are made. */
  fileSections?: () => FileSection[];
  /** The channels this process can send on now, and which bot of each (for notices to admins). */
  routes?: () => Array<{ channel: ChannelName; via: string }>;
}

/**
 * Work on the bot's own schedule: given "now", write what is due into the outbox (idempotent).
 * Cron only triggers it; it also runs at start, to catch up on what fell due while the bot was down.
 */
export interface FeaturePlanner {
  /** Unique: the schedule's name, and the row that remembers when it last ran. */
  name: string;
  /** minute hour day month weekday, in the office's time zone. */
  cron: string;
  run(now: Date): Promise<unknown>;
}

/**
 * Whom a digest is for: a notification group, or one person (今日 in a private chat), whose role
 * decides whether they read the words of other people's undelivered messages (admins do).
 */
export type DigestFor = { groupId: number } | { accountId: number; role: Role };

/** What a digest section is asked. Sections answer with names, file numbers, dates and tasks only. */
export interface DigestQuery {
  for: DigestFor;
  now: Date;
  /** Today's calendar date in the office's time zone. */
  today: string;
  timeZone: string;
  t: Translate;
  /** The language `t` speaks (amounts are written its way). */
  locale: Locale;
}

/** One part of the daily digest (and of 今日): its lines, title first, or none when it has nothing. */
export interface DigestSection {
  id: string;
  collect(q: DigestQuery): Promise<string[]>;
}

/**
 * Lines another feature adds to a file's view in a private chat with staff (a checkup history),
 * after what the honorees feature shows.
 */
export interface FileSection {
  id: string;
  lines(t: Translate, honoreeId: number, locale: Locale): Promise<string[]>;
}

/**
 * What another feature says when an honour is added to a file (a subsidy it now qualifies for,
 * and from when), after the honorees feature's own answer.
 */
export interface HonourNote {
  id: string;
  lines(t: Translate, honoreeId: number, honour: { category: string; level: string; year: number }, today: string): Promise<string[]>;
}

/** What a feature adds to the bot: commands, the guided flows they start, planners, digest sections, and its reactions to membership events. */
export interface FeaturePart {
  commands?: Command[];
  /** Questions it asks on its own that stay open until answered (checkup invitations). */
  standingQuestions?: StandingQuestions;
  /** Its part of a file's view (private chats only). */
  fileSections?: FileSection[];
  /** What it says when an honour is added to a file. */
  honourNotes?: HonourNote[];
  publicCommands?: PublicCommand[];
  flows?: Flow[];
  planners?: FeaturePlanner[];
  digestSections?: DigestSection[];
  /** Called when the bot is added to or removed from a chat, blocked or unblocked, or a group moves to a new id. */
  onMembership?: MembershipReaction;
  /** Called when a channel logs out, falls silent or comes back. */
  onAvailability?: AvailabilityReaction;
  /** Called for a friend request that brought no valid invite code (left alone). */
  onFriendRequest?: FriendRequestReaction;
}
