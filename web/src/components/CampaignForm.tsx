import { useEffect, useState } from 'preact/hooks';
import { ApiError, type CampaignRequest } from '../api.ts';
import { useApp } from '../context.ts';
import { useAction, useResource } from '../hooks.ts';
import { type T, useFormat, useT, type WebMessageId } from '../i18n/index.tsx';
import type { Campaign, FieldIssue } from '../types.ts';
import { ErrorNotice, Loading } from './common.tsx';

/** What a campaign still lacks before its cases can be routed and paced: brand, owner, plan. */
export const missingOf = (campaign: Campaign): ('brand' | 'owner' | 'plan')[] =>
  (['brand', 'owner', 'plan'] as const).filter((field) => campaign[field] === undefined);

/** The form's fields, as typed (strings); the plan is four of them. */
export interface CampaignFields {
  readonly name: string;
  readonly brand: string;
  readonly market: string;
  readonly channel: string;
  readonly owner: string;
  readonly budget: string;
  readonly currency: string;
  readonly periodStart: string;
  readonly periodEnd: string;
}

export type CampaignField = keyof CampaignFields;

export const FIELD_LABELS: Readonly<Record<CampaignField, WebMessageId>> = {
  name: 'pages.common.field.name',
  brand: 'pages.common.field.brand',
  market: 'pages.common.field.market',
  channel: 'pages.common.field.channel',
  owner: 'pages.common.field.owner',
  budget: 'pages.common.field.budget',
  currency: 'pages.common.field.currency',
  periodStart: 'pages.common.field.periodStart',
  periodEnd: 'pages.common.field.periodEnd',
};

export const fieldsOf = (campaign: Campaign | undefined): CampaignFields => ({
  name: campaign?.name ?? '',
  brand: campaign?.brand ?? '',
  market: campaign?.market ?? '',
  channel: campaign?.channel ?? '',
  owner: campaign?.owner ?? '',
  budget: campaign?.plan === undefined ? '' : String(campaign.plan.budget),
  currency: campaign?.plan?.currency ?? '',
  periodStart: campaign?.plan?.periodStart ?? '',
  periodEnd: campaign?.plan?.periodEnd ?? '',
});

/** Problems per field, each already in the reader's language. */
export type FieldMessages = Partial<Record<CampaignField, string[]>>;

const add = (into: FieldMessages, field: CampaignField, message: string): void => {
  into[field] = [...(into[field] ?? []), message];
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LIMITS: Partial<Record<CampaignField, number>> = { name: 200, brand: 200, channel: 64, owner: 128 };

/**
 * What is wrong with the form before it is sent, field by field, in the reader's language: the catalogue's
 * own rules (a market is two capitals, a currency three, a plan all four of its parts or none).
 */
export const checkCampaign = (fields: CampaignFields, t: T): FieldMessages => {
  const problems: FieldMessages = {};
  for (const [field, limit] of Object.entries(LIMITS) as [CampaignField, number][])
    if (fields[field].trim().length > limit) add(problems, field, t('pages.issue.tooLong'));
  const market = fields.market.trim();
  if (market !== '' && !/^[A-Z]{2}$/.test(market)) add(problems, 'market', t('pages.issue.market'));
  if (/\s/.test(fields.owner.trim())) add(problems, 'owner', t('pages.issue.username'));
  const plan = [fields.budget, fields.currency, fields.periodStart, fields.periodEnd].map((v) => v.trim());
  const given = plan.filter((value) => value !== '').length;
  if (given > 0 && given < 4) {
    const parts: CampaignField[] = ['budget', 'currency', 'periodStart', 'periodEnd'];
    for (const [index, field] of parts.entries())
      if (plan[index] === '') add(problems, field, t('pages.issue.planPartial'));
  }
  if (fields.budget.trim() !== '') {
    const budget = Number(fields.budget);
    if (!Number.isFinite(budget) || budget <= 0) add(problems, 'budget', t('pages.issue.budget'));
  }
  if (fields.currency.trim() !== '' && !/^[A-Z]{3}$/.test(fields.currency.trim()))
    add(problems, 'currency', t('pages.issue.currency'));
  for (const field of ['periodStart', 'periodEnd'] as const)
    if (fields[field] !== '' && !DATE.test(fields[field])) add(problems, field, t('pages.issue.date'));
  if (DATE.test(fields.periodStart) && DATE.test(fields.periodEnd) && fields.periodEnd < fields.periodStart)
    add(problems, 'periodEnd', t('pages.issue.periodOrder'));
  return problems;
};

/** The request the form sends: each field set, or cleared (`null`) when left empty. */
export const requestOf = (fields: CampaignFields, version: number | undefined): CampaignRequest => {
  const text = (value: string): string | null => (value.trim() === '' ? null : value.trim());
  const hasPlan = fields.budget.trim() !== '';
  return {
    name: text(fields.name),
    brand: text(fields.brand),
    market: text(fields.market),
    channel: text(fields.channel),
    owner: text(fields.owner),
    plan: hasPlan
      ? {
          budget: Number(fields.budget),
          currency: fields.currency.trim(),
          periodStart: fields.periodStart,
          periodEnd: fields.periodEnd,
        }
      : null,
    ...(version === undefined ? {} : { version }),
  };
};

/** The form field a problem's `path` names (`plan.budget` → budget; `plan` → budget). */
export const fieldOfPath = (path: string): CampaignField | undefined => {
  const parts = path.split(/[./]/).filter((part) => part !== '' && part !== 'body');
  const last = parts.at(-1) ?? '';
  if (last === 'plan') return 'budget';
  return last in FIELD_LABELS ? (last as CampaignField) : undefined;
};

/**
 * The API's problems (RFC 9457 `errors`, worded in English by the shared schemas) said in the reader's
 * language on their fields: what the field takes when the app knows its rule, else that it was refused.
 */
export const serverMessages = (issues: readonly FieldIssue[], t: T): FieldMessages => {
  const messages: FieldMessages = {};
  const RULES: Partial<Record<CampaignField, WebMessageId>> = {
    market: 'pages.issue.market',
    currency: 'pages.issue.currency',
    budget: 'pages.issue.budget',
    periodStart: 'pages.issue.date',
    owner: 'pages.issue.username',
  };
  for (const issue of issues) {
    const field = fieldOfPath(issue.path);
    if (field === undefined) continue;
    const rule =
      field === 'periodEnd' && /before|after|order/i.test(issue.message)
        ? 'pages.issue.periodOrder'
        : /long|at most \d+ characters/i.test(issue.message)
          ? 'pages.issue.tooLong'
          : (RULES[field] ?? (field === 'periodEnd' ? 'pages.issue.date' : 'pages.issue.rejected'));
    add(messages, field, t(rule));
  }
  return messages;
};

type InputKind = 'text' | 'number' | 'date';

const INPUTS: readonly {
  field: CampaignField;
  type?: InputKind;
  hint?: WebMessageId;
  upper?: boolean;
}[] = [
  { field: 'name' },
  { field: 'brand' },
  { field: 'market', hint: 'pages.form.marketHint', upper: true },
  { field: 'channel', hint: 'pages.form.channelHint' },
  { field: 'owner', hint: 'pages.form.ownerHint' },
];

const PLAN_INPUTS: readonly {
  field: CampaignField;
  type?: InputKind;
  hint?: WebMessageId;
  upper?: boolean;
}[] = [
  { field: 'budget', type: 'number' },
  { field: 'currency', hint: 'pages.form.currencyHint', upper: true },
  { field: 'periodStart', type: 'date' },
  { field: 'periodEnd', type: 'date' },
];

/**
 * A manager completes or edits one campaign: name, brand, market, channel, owner and plan. It saves with the
 * version it read; if someone else saved meanwhile (409) it says so and offers to reload theirs.
 */
export const CampaignForm = ({
  campaignId,
  onDone,
}: {
  campaignId: string;
  /** After a save (with the saved campaign) or on cancel (undefined). */
  onDone: (saved: Campaign | undefined) => void;
}) => {
  const { api, announce } = useApp();
  const t = useT();
  const format = useFormat();
  // A campaign known only from its cases is not in the catalogue (404): the form then creates it.
  const loaded = useResource(async () => {
    try {
      return { campaign: (await api.campaign(campaignId)).campaign };
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return { campaign: undefined };
      throw error;
    }
  }, [api, campaignId]);
  const campaign = loaded.data?.campaign;
  const [fields, setFields] = useState<CampaignFields>(fieldsOf(undefined));
  const [tried, setTried] = useState(false);
  const [server, setServer] = useState<readonly FieldIssue[]>([]);
  const [conflict, setConflict] = useState(false);

  useEffect(() => {
    if (loaded.data !== undefined) setFields(fieldsOf(loaded.data.campaign));
  }, [loaded.data]);

  const problems = checkCampaign(fields, t);
  const fromServer = serverMessages(server, t);
  const shown = (field: CampaignField): string[] => [
    ...(tried ? (problems[field] ?? []) : []),
    ...(fromServer[field] ?? []),
  ];

  const save = useAction(async () => {
    setTried(true);
    setConflict(false);
    if (Object.keys(problems).length > 0)
      throw new ApiError(400, t('pages.form.failed'), t('pages.form.fixMarked'));
    try {
      const saved = await api.saveCampaign(campaignId, requestOf(fields, campaign?.version));
      setServer([]);
      announce(t('pages.form.saved', { id: campaignId }));
      onDone(saved);
      return saved;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) setConflict(true);
      if (error instanceof ApiError) setServer(error.errors);
      throw error;
    }
  });

  if (loaded.data === undefined)
    return loaded.error === undefined ? (
      <Loading what={t('pages.form.loadingWhat')} />
    ) : (
      <ErrorNotice error={loaded.error} context={t('pages.form.loadFailed')} retry={loaded.refresh} />
    );

  const complete = campaign !== undefined && missingOf(campaign).length === 0;
  const input = ({ field, type, hint, upper }: (typeof INPUTS)[number]) => {
    const messages = shown(field);
    const id = `campaign-${field}`;
    const common = {
      id,
      name: field,
      value: fields[field],
      'aria-invalid': messages.length > 0 ? ('true' as const) : undefined,
      'aria-describedby': `${id}-hint ${id}-problems`,
      onInput: (event: { currentTarget: HTMLInputElement }) => {
        const value = event.currentTarget.value;
        setFields({ ...fields, [field]: upper === true ? value.toUpperCase() : value });
      },
    };
    return (
      <label key={field} class="field" for={id}>
        <span class="label">{t(FIELD_LABELS[field])}</span>
        {type === 'number' ? (
          <input type="number" min="0" step="any" inputMode="decimal" {...common} />
        ) : type === 'date' ? (
          <input type="date" {...common} />
        ) : (
          <input type="text" {...common} />
        )}
        {hint !== undefined && (
          <span id={`${id}-hint`} class="hint">
            {t(hint)}
          </span>
        )}
        {messages.length > 0 && (
          <ul id={`${id}-problems`} class="field-problems" role="alert">
            {messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
      </label>
    );
  };

  return (
    <form
      class="campaign-form"
      aria-labelledby="campaign-form-title"
      data-campaign-id={campaignId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
      <h2 id="campaign-form-title">
        {complete
          ? t('pages.form.editTitle', { id: campaignId })
          : t('pages.form.completeTitle', { id: campaignId })}
      </h2>
      <p class="hint">{t('pages.form.hint')}</p>
      {campaign !== undefined && (
        <p class="muted">
          {t('pages.common.version', { version: campaign.version })} ·{' '}
          {t('pages.common.updated', {
            ago: format.ago(campaign.updatedAt),
            actor: format.actor(campaign.updatedBy),
          })}
        </p>
      )}
      <div class="campaign-form-grid">{INPUTS.map(input)}</div>
      <fieldset class="campaign-plan">
        <legend>{t('pages.form.planLegend')}</legend>
        <div class="campaign-form-grid">{PLAN_INPUTS.map(input)}</div>
      </fieldset>
      {conflict ? (
        <div class="notice notice-error" role="alert" data-testid="campaign-conflict">
          <p>{t('pages.form.conflict')}</p>
          <button
            type="button"
            class="button button-small"
            onClick={() => {
              setConflict(false);
              setServer([]);
              save.reset();
              void loaded.refresh();
            }}
          >
            {t('pages.form.reload')}
          </button>
        </div>
      ) : (
        save.error !== undefined && (
          <p class="form-problem" role="alert">
            {t('pages.form.failed')}{' '}
            {save.error.status === 400 ? t('pages.form.fixMarked') : save.error.title}
          </p>
        )
      )}
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={save.busy}>
          {save.busy ? t('core.common.saving') : t('pages.form.save')}
        </button>
        <button type="button" class="button button-quiet" onClick={() => onDone(undefined)}>
          {t('pages.form.cancel')}
        </button>
      </div>
    </form>
  );
};
