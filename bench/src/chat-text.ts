/**
 * Plausible business chat text for benchmarks: short Chinese, English and mixed messages of the
 * kind a sales, purchasing or project team writes all day (合同, 供应商, 报价, CRM, invoice,
 * meeting…). Deterministic for a given seed, so a corpus can be regenerated identically.
 *
 * Word choice is skewed (a few words are very common, most are not) like real text, so search
 * benchmarks see both kinds: `RARE` terms appear in roughly one message in ten thousand each.
 */

/** mulberry32: a small, fast, seedable PRNG (Math.random cannot be seeded). */
export class Rng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform pick. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Skewed pick: earlier items are much more likely (density ∝ 1/√x), as word use is. */
  common<T>(items: readonly T[]): T {
    const r = this.next();
    return items[Math.floor(items.length * r * r)]!;
  }
}

/** A word list written as one string (space-separated, or `sep` when the words contain spaces). */
function words(list: string, sep = ' '): readonly string[] {
  return list.split(sep);
}

const PEOPLE = words(
  '张伟 王芳 李娜 刘洋 陈静 杨帆 赵磊 黄敏 周杰 吴婷 徐明 孙丽 马超 朱红 胡军 郭强 林峰 何雪 高远 罗琳',
);
const PEOPLE_EN = words('Kevin Linda Tony Grace Michael Sophie David Amy Jason Cathy');
const COMPANIES = words(
  '华为 阿里巴巴 腾讯 京东 美团 比亚迪 海尔 小米 联想 招商银行 中石化 顺丰 万科 格力 宁德时代 美的 网易 携程 中兴 百度',
);
const COMPANIES_EN = words('Siemens Bosch Apple Tesla Unilever Nestle Philips Samsung');
const DOCS = words(
  '合同 报价单 发票 采购订单 对账单 验收报告 技术方案 招标文件 投标书 框架协议 补充协议 付款申请 预算表 周报 月报 会议纪要 需求文档 测试报告 产品手册 宣传册',
);
const DOCS_EN = words(
  'invoice contract PO quotation proposal SOW NDA deck report budget roadmap spec forecast agenda timeline',
);
const TOPICS = words(
  '供应商 发布会 报价 交付 回款 库存 物流 售后 培训 招聘 年会 审计 续约 折扣 账期 排期 上线 验收 备货 质检 渠道 展会 样品 认证 返利',
);
const TOPICS_EN = words(
  'CRM meeting ERP deadline launch pipeline KPI OKR review demo onboarding renewal shipment compliance kickoff workshop',
);
const ACTIONS = words(
  '确认一下 尽快回复 跟进一下 帮忙看看 安排一下 同步给大家 发我一份 更新到系统里 走一下审批 核对一下 催一下 再沟通一下',
);
const TIMES = words('今天下午 明天上午 周一 周三下午三点 下周五 月底前 这周内 本季度 十点 下午两点半');
const TIMES_EN = words('tomorrow|Friday|next week|end of month|Monday 10am|today|Q3', '|');
const PLACES = words('三楼大会议室 腾讯会议 上海办公室 深圳工厂 北京总部 Zoom 二号会议室 客户现场');
const STATUS = words(
  '已经签了 还在走流程 被退回了 卡在法务 客户还没回复 已经发出去了 需要重新报价 预算超了 基本谈妥了 还差盖章',
);
const STATUS_EN = words('pending|approved|on hold|overdue|in review|signed|blocked', '|');
const ROLES = words('采购 财务 法务 销售总监 项目经理 老板 对接人');
const SHORT = words('好的，收到|收到👌|OK|谢谢！|辛苦了|马上处理|稍等，我看一下|noted, thanks|+1|明白', '|');
/** Terms that appear about once per ten thousand messages each: the "rare word" searches. */
export const RARE = words(
  '信用证 保函 仲裁 反倾销 不可抗力 保理 质押 滞纳金 indemnity escrow arbitration tariff subrogation 海关稽查 知识产权 违约金',
);

type Template = (r: Rng) => string;

const code = (r: Rng) => `LX-${1000 + r.int(9000)}`;
const amount = (r: Rng) => `${(5 + r.int(500)) * 1000}`;

const TEMPLATES: readonly Template[] = [
  (r) =>
    `${r.common(PEOPLE)}，${r.common(COMPANIES)}的${r.common(DOCS)}${r.pick(STATUS)}，${r.pick(ACTIONS)}。`,
  (r) =>
    `${r.pick(TIMES)}的${r.common(TOPICS)}会议改到${r.pick(PLACES)}，${r.common(PEOPLE)}记得带上${r.common(DOCS)}。`,
  (r) =>
    `Hi ${r.pick(PEOPLE_EN)}, could you send the ${r.common(DOCS_EN)} for ${r.pick(COMPANIES_EN)} by ${r.pick(TIMES_EN)}? ` +
    `The ${r.common(TOPICS_EN)} is ${r.pick(STATUS_EN)}.`,
  (r) =>
    `${r.common(COMPANIES)}那边的${r.common(TOPICS)}问题，CRM 里已经建了工单 ${code(r)}，${r.pick(ACTIONS)}。`,
  (r) => `${r.common(DOCS_EN)} 已经上传到共享盘了，${r.common(TOPICS_EN)} 之前大家${r.pick(ACTIONS)}。`,
  (r) =>
    `${r.common(COMPANIES)}的报价 ${amount(r)} 元，比上次低 ${1 + r.int(15)}%，${r.common(PEOPLE)}觉得可以接受吗？`,
  (r) =>
    `@${r.common(PEOPLE)} ${r.common(TOPICS)}的${r.common(DOCS)}麻烦${r.pick(ACTIONS)}，${r.pick(TIMES)}要用。`,
  (r) =>
    `Reminder: ${r.common(TOPICS_EN)} meeting ${r.pick(TIMES_EN)}, agenda: ${r.common(TOPICS_EN)}, ` +
    `${r.common(DOCS_EN)} and ${r.common(TOPICS_EN)}.`,
  (r) =>
    `收到，我${r.pick(TIMES)}和${r.common(COMPANIES)}的${r.pick(ROLES)}再沟通一下${r.common(TOPICS)}的细节。`,
  (r) =>
    `${r.common(TOPICS)}这块${r.pick(STATUS)}，如果${r.pick(TIMES)}还没结果就找${r.common(PEOPLE)}升级处理。`,
  (r) =>
    `供应商 ${r.common(COMPANIES)} 的 invoice ${r.pick(STATUS_EN)}，${r.pick(ROLES)}说${r.pick(TIMES)}付款。`,
  (r) =>
    `${r.common(PEOPLE)}: the ${r.common(DOCS_EN)} for ${r.common(COMPANIES)} is ${r.pick(STATUS_EN)}, ` +
    `${r.pick(ROLES)}那边${r.pick(ACTIONS)}。`,
  (r) => `发布会的${r.common(DOCS)}和${r.common(DOCS)}都准备好了，${r.pick(PLACES)}${r.pick(TIMES)}彩排。`,
  (r) => r.pick(SHORT),
  (r) => r.pick(SHORT),
];

const RARE_TEMPLATES: readonly Template[] = [
  (r) =>
    `合同里的${r.pick(RARE)}条款需要${r.pick(ROLES)}再看一下，${r.common(COMPANIES)}要求${r.pick(TIMES)}定稿。`,
  (r) => `Legal flagged the ${r.pick(RARE)} clause in the ${r.pick(COMPANIES_EN)} ${r.common(DOCS_EN)}.`,
  (r) =>
    `${r.common(COMPANIES)}的${r.pick(RARE)}问题${r.pick(STATUS)}，${r.common(PEOPLE)}${r.pick(ACTIONS)}。`,
];

/** One chat message. About one in ~600 uses a rare term (each of the 16 about 1 in 10,000). */
export function chatMessage(r: Rng): string {
  if (r.next() < 1 / 600) return r.pick(RARE_TEMPLATES)(r);
  return r.pick(TEMPLATES)(r);
}
