/**
 * Cited sources: what makes a ranking, a superlative or a statistic lawful only if its proof holds.
 * 市场监管总局《广告绝对化用语执法指南》 Art. 6 allows an absolute term that states a fact limited in time and
 * scope with its source; Vietnam's Circular 10/2013/TT-BVHTTDL Art. 2 allows "nhất" and "số một" backed by
 * a cited survey; the FTC, the UCPD and the CAP Code ask for substantiation of the same claims. Such a
 * claim is an advisory: legal verifies the source. A citation is a named source (数据来源, 据…报告,
 * "theo khảo sát của", "according to", a survey, a study, an award) and, close to it, what limits it in time
 * or scope (a year, a quarter, a month, "as of", 截至, a sample of so many people).
 */

/**
 * The law areas whose claims are lawful with proof (rankings, superlatives, statistics): a cited source
 * makes such a finding an advisory. A disease claim, a guarantee or a disparagement stays a violation
 * whatever it cites.
 */
export const SUBSTANTIABLE_AREAS: ReadonlySet<string> = new Set([
  'absolute-terms',
  'superlative-unsubstantiated',
  'statistics-unsourced',
]);

/**
 * Whether a rule's area is one a cited source makes lawful (see `SUBSTANTIABLE_AREAS`).
 *
 * @example
 * isSubstantiable('absolute-terms'); // true
 */
export const isSubstantiable = (area: string | undefined): boolean =>
  area !== undefined && SUBSTANTIABLE_AREAS.has(area);

// A year, a period, a sample or a reference number: the one cheap test before looking for citations
// (most copy has none of them, and the full scan costs a few microseconds).
const MAY_CITE =
  /(?:19|20)\d{2}|编号|[Rr]eg\.? ?[Nn]o|[Ll]icen[cs]e|kiểm nghiệm số|截[至止]|季度|\b[Qq][1-4]\b|[Qq]uý|[Tt]háng\s?\d|\bas of\b|weeks? (?:ending|to)|\bn\s?=\s?\d|\d\s?(?:people|women|men|adults|users|consumers|respondents|participants|customers|parents|dentists|doctors|buyers|reviews|người|phụ nữ|học viên|khách hàng|名|位|人|户)/u;

/**
 * Whether a copy may hold a citation worth scanning for (it names a year, a period, a sample or a
 * reference number); a copy without any is not scanned.
 *
 * @example
 * mayCite('Best seller 2024 (Nielsen)'); // true
 */
export const mayCite = (text: string): boolean => MAY_CITE.test(text);

/** Where a citation stands in a copy (UTF-16 offsets of the original text). */
export interface Citation {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

// A source named or pointed to, in any of the packs' languages (a copy may mix them).
const SOURCE = new RegExp(
  [
    // Chinese: 数据来源, 据/根据/依据 …, 经 … 检测/认证/评定, report and certificate numbers, lists and awards.
    '数据来源|资料来源|来源[:：]|出自|引自|(?<!数)据(?![说传悉])|根据|依据|数据(?!库)|战报|研究院|协会|委员会|机构',
    '经[^，。；！？\\n]{1,24}?(?:检测|检验|认证|评定|评选|测评|测试|验证|统计|审核|认定)',
    '(?:报告|证书|注册|备案|批准)(?:编号|号)|榜(?!样)|白皮书|年报|调研|调查|监测|统计|评选|评定|测评|认证|登记|荣获|获评|授予|颁发|公示|奖',
    // Vietnamese: theo khảo sát / báo cáo / số liệu … or theo + a capitalised name, nguồn, do … bình chọn.
    '(?<![\\p{L}])[Tt]heo\\s+(?:\\p{Lu}|khảo sát|kết quả|báo cáo|số liệu|dữ liệu|thống kê|nghiên cứu|xếp hạng|bảng xếp hạng|đánh giá|công bố|bình chọn|xác nhận)',
    '(?<![\\p{L}])(?:[Nn]guồn|[Kk]hảo sát|[Bb]áo cáo|[Tt]hống kê|[Nn]ghiên cứu|[Bb]ình chọn|[Gg]iải thưởng|[Dd]anh hiệu|[Hh]uy chương|[Cc]hứng nhận|[Xx]ác nhận của|[Dd]ựa trên|[Kk]iểm nghiệm|[Bb]ảng xếp hạng|[Đđ]ạt giải|[Gg]iải (?:nhất|nhì|ba|vàng|bạc))(?![\\p{L}])',
    '(?<![\\p{L}])do\\s[^,.;()\\n]{1,40}?\\s(?:xác nhận|cấp|tổ chức|công bố|thực hiện|bình chọn|trao)(?![\\p{L}])',
    // English: according to, source:, surveys, studies, trials, tests, reports, rankings, ratings, awards.
    '\\b(?:[Aa]ccording to|[Ss]ources?:|[Bb]ased on|[Dd]ata from|[Ss]urvey(?:ed)?|[Ss]tud(?:y|ies)|[Tt]rials?|[Tt]ested|[Tt]est(?:ing)? (?:institute|lab)|(?:(?:[Tt]he|[Aa]n?|[Ii]n|[Pp]er|[Ii]ts|[Tt]heir|[Aa]nnual|[Ii]ndustry|[Mm]arket|[Tt]rade|\\d{4}|\\p{Lu}\\p{L}+) )[Rr]eports?|Reports?|[Rr]ank(?:ed|ing)|[Rr]ated|[Rr]eviews|[Vv]oted|[Aa]wards?|[Aa]warded|[Ww]inners?|[Bb]enchmark|[Ii]ndex|[Gg]uide|[Ee]t al\\.?|[Aa]udit|[Tt]ests?|[Dd]ata|[Ee]dition|[Rr]ating|[Pp]anel|(?:[Vv]alue|[Uu]nit|[Vv]olume|[Rr]etail) (?:sales|share)|[Mm]arket share)\\b',
  ].join('|'),
  'gu',
);

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
// A reference that identifies its own proof (a test report or registration number): a citation alone.
const REFERENCE = new RegExp(
  [
    '(?:报告|证书|注册|备案|批准|检验|检测)(?:编号|号)[:：]?\\s?[A-Za-z0-9]',
    '\\b[Rr]eg(?:istration)?\\.? [Nn]o\\.? ?\\d',
    '\\b[Ll]icen[cs]e (?:[Nn]o\\.? ?)?[A-Z0-9]{2}',
    '[Kk]ết quả kiểm nghiệm số',
  ].join('|'),
  'gu',
);
// A parenthesis that names something beside a limit: "(Nielsen, value share, 2024)", "（魔镜洞察，2023年1—12月）".
const PARENTHESIS = /[（(][^()（）\n]{2,160}[)）]/gu;
const NAMED = /\p{Lu}\p{L}|\p{Script=Han}(?<![年月日起至])\p{Script=Han}/u;

// What limits the claim in time or scope.
const LIMIT = new RegExp(
  [
    '(?<![\\d.,])(?:19|20)\\d{2}(?![\\d])',
    '\\b[Qq][1-4]\\b|第[一二三四1-4]季度|[Qq]uý\\s?[1-4IV]+',
    '截至|截止|as of|weeks? (?:ending|to)',
    `\\b(?:${MONTHS})\\b`,
    '[Tt]háng\\s?\\d{1,2}',
    '\\bn\\s?=\\s?\\d',
    '\\d[\\d,.]*\\s?(?:people|women|men|adults|users|consumers|respondents|participants|customers|parents|dentists|doctors|buyers|reviews|người|phụ nữ|học viên|khách hàng|名|位|人|户)',
  ].join('|'),
  'giu',
);

// A source and its limit stand this close (UTF-16 units) to make one citation.
const REACH = 120;
// A parenthesised name sources the limit right before it, at most this far (UTF-16 units).
const ADJACENT = 12;

const spansOf = (pattern: RegExp, text: string): { start: number; end: number }[] =>
  [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length }));

/**
 * The citations of a copy, in text order: each source cue with the nearest limit within `REACH`. Linear:
 * one scan per expression, then both lists are walked once.
 *
 * @example
 * citationsOf('全国销量第一（数据来源：尼尔森，2024年）').map((c) => c.text); // ['数据来源：尼尔森，2024']
 */
export const citationsOf = (text: string): Citation[] => {
  const references = spansOf(REFERENCE, text);
  const limits = spansOf(LIMIT, text);
  // Most copy names no year, month or sample: nothing more to look for.
  if (limits.length === 0)
    return references.map(({ start, end }) => ({ start, end, text: text.slice(start, end) }));
  // A parenthesis names a source when it holds a name and a limit, or a name right after the limit it
  // sources ("năm 2024 (Cirium)", "行业第一 2023（中企品研）").
  const limitAt = new RegExp(LIMIT.source, 'iu');
  const parenthesised = spansOf(PARENTHESIS, text).filter(({ start, end }) => {
    const inside = text.slice(start + 1, end - 1);
    if (!NAMED.test(inside.replace(LIMIT, ' '))) return false;
    return (
      limitAt.test(inside) || limits.some((limit) => limit.end <= start && start - limit.end <= ADJACENT)
    );
  });
  const sources = [...spansOf(SOURCE, text), ...parenthesised].sort((a, b) => a.start - b.start);

  const spans = [...references];
  let k = 0;
  for (const source of sources) {
    while (k < limits.length && (limits[k]?.end ?? 0) <= source.start) k++;
    const before = limits[k - 1];
    const after = limits[k];
    const near = [before, after].filter(
      (limit): limit is { start: number; end: number } =>
        limit !== undefined && Math.max(limit.start - source.end, source.start - limit.end) <= REACH,
    );
    const limit = near.sort(
      (a, b) =>
        Math.max(a.start - source.end, source.start - a.end) -
        Math.max(b.start - source.end, source.start - b.end),
    )[0];
    if (limit !== undefined)
      spans.push({ start: Math.min(source.start, limit.start), end: Math.max(source.end, limit.end) });
  }
  const found: Citation[] = [];
  for (const { start, end } of spans.sort((a, b) => a.start - b.start)) {
    const last = found[found.length - 1];
    if (last !== undefined && start <= last.end) {
      const merged = { start: last.start, end: Math.max(last.end, end) };
      found[found.length - 1] = { ...merged, text: text.slice(merged.start, merged.end) };
    } else found.push({ start, end, text: text.slice(start, end) });
  }
  return found;
};
