import * as z from 'zod';

/**
 * How the columns of a platform's export become events: which header holds which field, constants for
 * what the file does not say, and how its dates and numbers are written. The built-in formats
 * (`--format google-ads | meta-ads | tiktok-ads | listening`) are mappings like any other, so a user's
 * `--mapping <file>` is read by the same code and can do everything they do (docs/cli.md, "Importing platform exports").
 */

/** The fields a spend export can fill; the plan file (or constants) gives the rest. */
export const SPEND_FIELDS = [
  'date',
  'dateEnd',
  'campaign',
  'campaignId',
  'spend',
  'conversions',
  'currency',
  'channel',
  'plannedBudget',
  'periodStart',
  'periodEnd',
  'resultType',
] as const;

/** The fields of a social-listening mentions export: one row per mention. */
export const LISTENING_FIELDS = ['date', 'sentiment', 'channel', 'brand', 'product'] as const;

export const DATE_FORMATS = [
  'auto',
  'iso',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
  'YYYY/MM/DD',
  'MMM D, YYYY',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** A header, or several a platform uses across versions and languages; `{currency}` stands for a code. */
const Header = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const common = {
  /** The event's `source`, e.g. `google-ads`. */
  source: z.string().min(1).max(64),
  /**
   * How dates are written; `auto` reads every unambiguous way (`2026-11-01`, `Nov 1, 2026`, `2026/11/01`,
   * with an optional time) and refuses `05/01/2027`, which needs one of the day-first or month-first formats.
   */
  dateFormat: z.enum(DATE_FORMATS).default('auto'),
  /**
   * The decimal separator; the other of `.` and `,`, spaces and apostrophes group thousands. `auto` takes
   * it from the file's first number that can be read only one way (`612.40`, `1.234,56`), and refuses a
   * file whose every number could be read both ways (`1,234`).
   */
  decimal: z.enum(['.', ',', 'auto']).default('auto'),
};

export const SpendMappingSchema = z.strictObject({
  type: z.literal('spend'),
  ...common,
  columns: z.partialRecord(z.enum(SPEND_FIELDS), Header),
  constants: z.partialRecord(z.enum(SPEND_FIELDS), z.string().min(1)).default({}),
  /**
   * With a `resultType` column (Meta's `Result indicator`): the result types, as lower-case parts of the
   * indicator, that are conversions. A campaign whose results are something else (reach, link clicks) is
   * pushed without conversions rather than with its reach counted as sales.
   */
  conversionResults: z.array(z.string().min(1)).min(1).optional(),
});

export const ListeningMappingSchema = z.strictObject({
  type: z.literal('sentiment'),
  ...common,
  columns: z.partialRecord(z.enum(LISTENING_FIELDS), Header),
  constants: z.partialRecord(z.enum(LISTENING_FIELDS), z.string().min(1)).default({}),
  /** The words of the sentiment column, lower-case, per class. */
  sentiments: z
    .strictObject({
      negative: z.array(z.string()).min(1),
      positive: z.array(z.string()).min(1),
      neutral: z.array(z.string()).min(1),
    })
    .default({ negative: ['negative'], positive: ['positive'], neutral: ['neutral', 'mixed', ''] }),
});

export const ExportMappingSchema = z.discriminatedUnion('type', [SpendMappingSchema, ListeningMappingSchema]);
export type ExportMapping = z.infer<typeof ExportMappingSchema>;
export type SpendMapping = z.infer<typeof SpendMappingSchema>;
export type ListeningMapping = z.infer<typeof ListeningMappingSchema>;

/**
 * The exports marketers download, as their platforms write them (English UI; the Chinese and Vietnamese
 * UI headers are alternatives). Google Ads: Reports → Campaign report with the Day segment. Meta Ads
 * Manager: Reports → Export table data, breakdown By time → Day. TikTok Ads Manager: Reporting → custom
 * report, dimension Day. Listening: a Brandwatch or Talkwalker mentions export.
 */
export const BUILT_IN_MAPPINGS = {
  'google-ads': {
    type: 'spend',
    source: 'google-ads',
    dateFormat: 'auto',
    decimal: 'auto',
    columns: {
      date: ['Day', 'Date', '天', '日期', 'Ngày'],
      campaign: ['Campaign', '广告系列', 'Chiến dịch'],
      campaignId: ['Campaign ID', '广告系列 ID', 'ID chiến dịch'],
      spend: ['Cost', '费用', 'Chi phí'],
      conversions: ['Conversions', '转化次数', 'Lượt chuyển đổi'],
      currency: ['Currency code', 'Currency', '货币代码', 'Mã đơn vị tiền tệ'],
    },
    constants: { channel: 'google' },
  },
  'meta-ads': {
    type: 'spend',
    source: 'meta-ads',
    dateFormat: 'auto',
    decimal: 'auto',
    columns: {
      date: ['Reporting starts', 'Day', '报告开始日期', 'Bắt đầu báo cáo'],
      dateEnd: ['Reporting ends', '报告结束日期', 'Kết thúc báo cáo'],
      campaign: ['Campaign name', '广告系列名称', 'Tên chiến dịch'],
      campaignId: ['Campaign ID', '广告系列编号', 'ID chiến dịch'],
      spend: [
        'Amount spent ({currency})',
        'Amount spent',
        '已花费金额 ({currency})',
        'Số tiền đã chi tiêu ({currency})',
      ],
      conversions: ['Results', '成效', 'Kết quả'],
      resultType: ['Result indicator', 'Result type', '成效指标', 'Chỉ báo kết quả'],
      currency: ['Currency'],
      channel: ['Platform', '平台', 'Nền tảng'],
    },
    constants: { channel: 'facebook' },
    // Meta's result indicators: actions:offsite_conversion.fb_pixel_purchase, actions:lead, reach, actions:link_click …
    conversionResults: [
      'purchase',
      'lead',
      'complete_registration',
      'offsite_conversion',
      'app_install',
      'subscribe',
      'submit_application',
      'start_trial',
      'schedule',
      'contact',
    ],
  },
  'tiktok-ads': {
    type: 'spend',
    source: 'tiktok-ads',
    dateFormat: 'auto',
    decimal: 'auto',
    columns: {
      date: ['By Day', 'Date', 'Day', 'stat_time_day', '日期', 'Ngày'],
      campaign: ['Campaign name', 'Campaign Name', '推广系列名称', 'Tên chiến dịch'],
      campaignId: ['Campaign ID', '推广系列 ID', 'ID chiến dịch'],
      spend: ['Cost', 'Total cost', 'Spend', '消耗', 'Chi phí'],
      conversions: ['Conversions', 'Results', '转化数', 'Chuyển đổi'],
      currency: ['Currency', '货币', 'Tiền tệ'],
    },
    constants: { channel: 'tiktok' },
  },
  listening: {
    type: 'sentiment',
    source: 'listening',
    dateFormat: 'auto',
    decimal: 'auto',
    columns: {
      date: ['Date', 'Published Date', 'Published', 'Time'],
      sentiment: ['Sentiment', 'Tone'],
      channel: ['Page Type', 'Content Source', 'Source Type', 'source_type', 'Channel', 'Media Type'],
      brand: ['Query Name', 'Query', 'Brand', 'Topic', 'Project'],
      product: ['Product', 'Category', 'Categories', 'Tags'],
    },
    constants: { product: 'all' },
    sentiments: { negative: ['negative'], positive: ['positive'], neutral: ['neutral', 'mixed', ''] },
  },
} as const satisfies Record<string, z.input<typeof ExportMappingSchema>>;

export type BuiltInFormat = keyof typeof BUILT_IN_MAPPINGS;
export const BUILT_IN_FORMATS = Object.keys(BUILT_IN_MAPPINGS) as BuiltInFormat[];

export const isBuiltInFormat = (name: string): name is BuiltInFormat =>
  Object.hasOwn(BUILT_IN_MAPPINGS, name);

/** A built-in format's mapping, parsed like a user's (so the built-ins prove the schema). */
export const builtInMapping = (name: BuiltInFormat): ExportMapping =>
  ExportMappingSchema.parse(BUILT_IN_MAPPINGS[name]);
