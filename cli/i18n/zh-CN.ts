import type { Catalogue } from '#shared/i18n/translator.ts';
import type { CliMessageId } from './en.ts';

/** 命令行检查报告的文字（简体中文）。 */
export const CLI_ZH_CN = {
  'verdict.none': '{name}：{level} — 未发现问题',
  'verdict.some': '{name}：{level} — {count} 项发现（概率{probability} × 影响{impact}）',
  'finding.grades': '概率{probability} × 影响{impact}',
  'finding.advisory': '提示 — 请核实来源',
  'finding.coverage': '未检查 — 没有规则包覆盖此市场和语言，请人工审核',
  'finding.more': '… 另有 {count} 处匹配',
  'finding.basis': '法律依据',
  'finding.suggestion': '修改建议',
  'finding.known': '已知',
  'finding.new': '新增',
  'finding.newOf': '新增（{total} 处匹配中的 {count} 处）',
  'run.copies': '已检查 {count} 份文案：{attention} 份需要处理',
  'rules.shipped': '规则：内置规则包 {rules} · 矩阵 {matrix}',
  'rules.server': '规则：{url} 上生效的 {rules} · 矩阵 {matrix}',
} as const satisfies Catalogue<CliMessageId>;
