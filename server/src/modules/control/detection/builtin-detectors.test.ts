import { BUILT_IN_DETECTORS, type BuiltInDetector } from '@liaison/contracts';
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_DEFINITIONS,
  type BuiltInMatch,
  classificationConfidence,
  compileStructured,
  isIpv4,
  isIpv6,
} from './builtin-detectors.ts';
import { isValidCnIdCard, luhnValid } from './checksums.ts';

const ALL = new Set<BuiltInDetector>(BUILT_IN_DETECTORS);
const scanAll = compileStructured(ALL);

/** What the structured pass finds: detector, the text found, confidence. */
function find(text: string, scan = scanAll): { detector: string; found: string; confidence: number }[] {
  const out: BuiltInMatch[] = [];
  scan(text, out);
  return out.map((m) => ({
    detector: m.detector,
    found: text.slice(m.start, m.end),
    confidence: m.confidence,
  }));
}

function idCard(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

/** The Luhn check digit appended. */
function card(prefix: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${prefix}${d}`)) return `${prefix}${d}`;
  throw new Error('unreachable');
}

const ID = '11010519491231002X';

describe('built-in definitions', () => {
  it('has one definition per built-in detector, with context words and a raised confidence', () => {
    expect(Object.keys(BUILT_IN_DEFINITIONS).sort()).toEqual([...BUILT_IN_DETECTORS].sort());
    for (const def of Object.values(BUILT_IN_DEFINITIONS)) {
      expect(def.contextWords.length).toBeGreaterThan(0);
      expect(def.withContext).toBeGreaterThan(0.8);
    }
  });
});

describe('ID cards', () => {
  it('finds a valid number, more confidently after 身份证号', () => {
    expect(find(`编号 ${ID} 已登记`)).toEqual([{ detector: 'cn_id_card', found: ID, confidence: 0.85 }]);
    expect(find(`身份证号：${ID}`)).toEqual([{ detector: 'cn_id_card', found: ID, confidence: 0.99 }]);
    expect(find(`his ID card: ${ID.toLowerCase()}`)[0]).toMatchObject({
      detector: 'cn_id_card',
      confidence: 0.99,
    });
  });

  it('ignores a bad check character, an impossible date and a longer run of digits', () => {
    expect(find('身份证 110105194912310021')).toEqual([]);
    expect(find(`身份证 ${idCard('11010519990230123')}`)).toEqual([]);
    expect(find(`身份证 9${idCard('11010519491231002')}`)).toEqual([]);
  });

  it('reads full-width digits, keeping offsets into the original text', () => {
    const wide = '１１０１０５１９４９１２３１００２Ｘ';
    const text = `身份证：${wide}。`;
    const out: BuiltInMatch[] = [];
    scanAll(text, out);
    expect(out).toEqual([{ detector: 'cn_id_card', start: 4, end: 22, confidence: 0.99 }]);
    expect(text.slice(out[0]!.start, out[0]!.end)).toBe(wide);
  });

  it('finds a number glued to letters or Chinese', () => {
    expect(find(`ID${ID}`).map((m) => m.found)).toEqual([ID]);
    expect(find(`证件号${ID}请核对`).map((m) => m.found)).toEqual([ID]);
  });

  it('reports a valid ID number that is also Luhn-valid only as an ID card', () => {
    let id = '';
    for (let seq = 100; seq < 1000 && !id; seq++) {
      const candidate = idCard(`44030619900307${seq}`);
      if (/^\d{18}$/.test(candidate) && luhnValid(candidate) && isValidCnIdCard(candidate)) id = candidate;
    }
    expect(id).not.toBe('');
    expect(find(`卡号 ${id}`).map((m) => m.detector)).toEqual(['cn_id_card']);
  });
});

describe('mobiles', () => {
  it('finds a bare number, more confidently after 手机 or tel', () => {
    expect(find('找 13812345678 就行')).toEqual([
      { detector: 'cn_mobile', found: '13812345678', confidence: 0.6 },
    ]);
    expect(find('手机13812345678')[0]!.confidence).toBe(0.95);
    expect(find('Tel: 19912345678')[0]!.confidence).toBe(0.95);
  });

  it('does not take "tel" inside a longer word as context', () => {
    expect(find('hotel 13812345678')[0]!.confidence).toBe(0.6);
  });

  it('finds +86 / 0086 prefixes and 3-4-4 separators, covering the prefix', () => {
    const found = (t: string) => find(t).map((m) => [m.detector, m.found]);
    expect(found('call +86 138 1234 5678 now')).toEqual([['cn_mobile', '+86 138 1234 5678']]);
    expect(found('call +86-138-1234-5678')).toEqual([['cn_mobile', '+86-138-1234-5678']]);
    expect(found('call 0086 13812345678')).toEqual([['cn_mobile', '0086 13812345678']]);
    expect(found('call +8613812345678')).toEqual([['cn_mobile', '+8613812345678']]);
    expect(found('call 008613812345678')).toEqual([['cn_mobile', '008613812345678']]);
    expect(found('call 138-1234-5678')).toEqual([['cn_mobile', '138-1234-5678']]);
    expect(find('call +86 138 1234 5678')[0]!.confidence).toBe(0.85);
    expect(find('call 138 1234 5678')[0]!.confidence).toBe(0.75);
  });

  it('finds nothing inside a longer run of digits or a longer group, or without a mobile prefix', () => {
    expect(find('订单 013812345678')).toEqual([]);
    expect(find('订单 1381234567890')).toEqual([]);
    expect(find('订单 138-1234-5678-9')).toEqual([]);
    expect(find('订单 12-138-1234-5678')).toEqual([]);
    expect(find('订单 12812345678')).toEqual([]);
    expect(find('订单 3.13812345678')).toEqual([]);
  });

  it('treats space-separated numbers as separate numbers', () => {
    expect(find('订单 12345 13812345678').map((m) => m.found)).toEqual(['13812345678']);
  });

  it('reads full-width digits', () => {
    expect(find('电话：１３８１２３４５６７８').map((m) => m.found)).toEqual(['１３８１２３４５６７８']);
  });
});

describe('bank cards', () => {
  const visa = '4111111111111111';
  const unionPay = card('622202020000123456');

  it('finds Luhn-valid numbers with an issuer prefix, more confidently after 银行卡/卡号/account', () => {
    expect(find(`转 ${visa} 吧`)).toEqual([{ detector: 'bank_card', found: visa, confidence: 0.5 }]);
    expect(find(`银行卡 ${unionPay}`)).toEqual([{ detector: 'bank_card', found: unionPay, confidence: 0.9 }]);
    expect(find(`account no. ${visa}`)[0]!.confidence).toBe(0.9);
  });

  it('finds numbers grouped by spaces or dashes', () => {
    const grouped = unionPay.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(find(`卡号 ${grouped} 谢谢`)).toEqual([
      { detector: 'bank_card', found: grouped, confidence: 0.9 },
    ]);
    expect(find(`ref ${visa.replace(/(\d{4})(?=\d)/g, '$1-')}`)).toEqual([
      { detector: 'bank_card', found: '4111-1111-1111-1111', confidence: 0.6 },
    ]);
  });

  it('ignores Luhn-invalid numbers, numbers without an issuer prefix and wrong lengths', () => {
    expect(find('卡号 4111111111111112')).toEqual([]);
    expect(find(`卡号 ${card('100000000000000')}`)).toEqual([]);
    expect(find(`卡号 ${card('90000000000000')}`)).toEqual([]);
    expect(find(`卡号 ${card('41111111111111111111')}`)).toEqual([]);
  });

  it('does not take the digits after a decimal point for a card', () => {
    expect(find(`pi is 3.${visa}`)).toEqual([]);
  });
});

describe('USCC and passports', () => {
  it('finds a valid USCC, more confidently after 统一社会信用代码', () => {
    expect(find('代码 91350100M000100Y43')).toEqual([
      { detector: 'uscc', found: '91350100M000100Y43', confidence: 0.8 },
    ]);
    expect(find('统一社会信用代码：91350100M000100Y43')[0]!.confidence).toBe(0.98);
    expect(find('统一社会信用代码：91350100M000100Y44')).toEqual([]);
  });

  it('finds passport-shaped tokens with low confidence, high after 护照', () => {
    expect(find('单号 E12345678')).toEqual([{ detector: 'passport', found: 'E12345678', confidence: 0.4 }]);
    expect(find('护照号 E12345678')[0]!.confidence).toBe(0.9);
    expect(find('ref AB1234567 ok')).toEqual([{ detector: 'passport', found: 'AB1234567', confidence: 0.3 }]);
    expect(find('passport AB1234567')[0]!.confidence).toBe(0.85);
    expect(find('ref e12345678 ABC1234567 A123456')).toEqual([]);
  });
});

describe('emails', () => {
  it('finds addresses, more confidently after 邮箱', () => {
    expect(find('发到 zhang.wei@example.com.cn。')).toEqual([
      { detector: 'email', found: 'zhang.wei@example.com.cn', confidence: 0.9 },
    ]);
    expect(find('邮箱 li-lei+crm@mail.example.org')[0]!.confidence).toBe(0.99);
  });

  it('ignores @mentions and things without a domain', () => {
    expect(find('@张伟 看一下, a@b, x@y.1, user@.com, .@x.com')).toEqual([]);
  });

  it('reports a mobile used as the local part only as the email', () => {
    expect(find('13812345678@163.com').map((m) => m.detector)).toEqual(['email']);
  });
});

describe('IP addresses', () => {
  it('finds IPv4 with each part ≤ 255, more confidently after 服务器/IP', () => {
    expect(find('连 10.0.0.1 试试')).toEqual([
      { detector: 'ip_address', found: '10.0.0.1', confidence: 0.7 },
    ]);
    expect(find('服务器 192.168.1.10:8080')[0]).toEqual({
      detector: 'ip_address',
      found: '192.168.1.10',
      confidence: 0.95,
    });
    expect(find('256.1.1.1 1.2.3.4.5 1.2.3 v1.2.3.4 01.2.3.4')).toEqual([]);
  });

  it('finds full and compressed IPv6, not times, MAC addresses or C++', () => {
    expect(find('addr 2001:0db8:85a3:0000:0000:8a2e:0370:7334 ok').map((m) => m.found)).toEqual([
      '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
    ]);
    expect(find('host fe80::1ff:fe23:4567:890a.').map((m) => m.found)).toEqual(['fe80::1ff:fe23:4567:890a']);
    expect(find('::ffff:192.168.1.1').map((m) => m.found)).toContain('::ffff:192.168.1.1');
    expect(find('10:30:45 00:1A:2B:3C:4D:5E std::vector a::b::c')).toEqual([]);
  });

  it('validates addresses', () => {
    expect(isIpv4('255.255.255.255')).toBe(true);
    expect(isIpv4('255.255.255.256')).toBe(false);
    expect(isIpv6('2001:db8::1')).toBe(true);
    expect(isIpv6('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isIpv6('1:2:3:4:5:6:7')).toBe(false);
    expect(isIpv6('1::2::3')).toBe(false);
    expect(isIpv6('12345::1')).toBe(false);
  });
});

describe('enabled detectors and context', () => {
  it('reports only the enabled detectors', () => {
    const onlyEmail = compileStructured(new Set<BuiltInDetector>(['email']));
    expect(find(`${ID} 13812345678 a@example.com 10.0.0.1`, onlyEmail).map((m) => m.detector)).toEqual([
      'email',
    ]);
  });

  it('counts context words only within 24 characters', () => {
    const far = `身份证${'，'.repeat(30)}${ID}`;
    expect(find(far)[0]!.confidence).toBe(0.85);
    expect(find(`${ID}${'。'.repeat(10)}身份证`)[0]!.confidence).toBe(0.99);
  });
});

describe('classification confidence', () => {
  const at = (text: string, term: string, weak = false) => {
    const start = text.indexOf(term);
    return classificationConfidence(text, start, start + term.length, weak);
  };

  it('is highest for bracketed markings and markings with ★', () => {
    for (const text of [
      '【机密】季度预算',
      '[机密] 预算',
      '（机密）预算',
      '(机密)',
      '「机密」',
      '机密★5年',
    ]) {
      expect(at(text, '机密')).toBe(0.95);
    }
  });

  it('is high after 密级 and at the start of the text or a line', () => {
    expect(at('文件密级：机密', '机密')).toBe(0.9);
    expect(at('机密 季度预算', '机密')).toBe(0.85);
    expect(at('预算如下\n  机密 文件', '机密')).toBe(0.85);
    expect(at('秘密 文件', '秘密', true)).toBe(0.7);
  });

  it('is low for a word in a sentence, lowest for weak and lower-case English ones', () => {
    expect(at('这是机密文件', '机密')).toBe(0.5);
    expect(at('告诉你一个小秘密', '秘密', true)).toBe(0.3);
    expect(at('This deck is CONFIDENTIAL, thanks', 'CONFIDENTIAL')).toBe(0.6);
    expect(at('this is confidential', 'confidential')).toBe(0.4);
    expect(at('tell me the secret', 'secret', true)).toBe(0.2);
  });

  it('is zero inside a longer word (机密性)', () => {
    expect(at('数据的机密性', '机密')).toBe(0);
  });
});

describe('numbers written in groups', () => {
  const found = (text: string) => find(text).map((m) => [m.detector, m.found]);
  /** Public test numbers the card schemes and acquirers publish (all Luhn-valid). */
  const AMEX = '378282246310005';
  const DINERS = '30569309025904';
  const DINERS_36 = '36227206271667';
  const UNIONPAY_81 = '8171999927660000';
  const UNIONPAY_81_19 = '8171999900000000021';
  const UNIONPAY_62 = '6200000000000005';

  it('finds the GB 11643 sample ID written 6-8-4 with every separator, as one number', () => {
    for (const sep of [' ', '\u3000', '-', '.', '·', '/', '\u00a0', '－', '．', '／', '–']) {
      const written = ['110105', '19491231', '002X'].join(sep);
      expect(find(`联系人 ${written} 已登记`), JSON.stringify(sep)).toEqual([
        { detector: 'cn_id_card', found: written, confidence: 0.85 },
      ]);
    }
    expect(find('身份证号：110105 19491231 002X')[0]!.confidence).toBe(0.99);
  });

  it('finds an ID in fours after the region, in full-width digits, glued to letters or before a word', () => {
    expect(found('证件 110105 1949 1231 002X')).toEqual([['cn_id_card', '110105 1949 1231 002X']]);
    const wide = '１１０１０５　１９４９１２３１　００２Ｘ';
    expect(found(`身份证：${wide}。`)).toEqual([['cn_id_card', wide]]);
    expect(found('ID110105 19491231 002X')).toEqual([['cn_id_card', '110105 19491231 002X']]);
    expect(found('ID 110105-19491231-002x is on file')).toEqual([['cn_id_card', '110105-19491231-002x']]);
  });

  it('still requires the check character, one kind of separator, and a number that ends there', () => {
    expect(find('身份证 110105 19491231 0021')).toEqual([]);
    expect(find('身份证 110105-19491231 002X')).toEqual([]);
    expect(find('编号 110105 19491231 002X 7')).toEqual([]);
    expect(find('编号 7 110105 19491231 002X')).toEqual([]);
    expect(find('版本 110105.19491231.002X.1')).toEqual([]);
  });

  it('finds the old 15-digit ID (no check character: low confidence unless 身份证 is near)', () => {
    expect(find('编号 110105491231002')).toEqual([
      { detector: 'cn_id_card', found: '110105491231002', confidence: 0.4 },
    ]);
    expect(find('老身份证 110105491231002')[0]!.confidence).toBe(0.99);
    expect(find('编号 110105 491231 002')).toEqual([
      { detector: 'cn_id_card', found: '110105 491231 002', confidence: 0.5 },
    ]);
    // No such day, no such province, or a province code without a place.
    expect(find('编号 110105491331002 990105491231002 110000491231002')).toEqual([]);
  });

  it('finds unified social credit codes in groups, with the GB 32100 check', () => {
    for (const written of [
      '9135 0100 M000 100Y 43',
      '91 350100 M000100Y4 3',
      '91 350100 M000100Y43',
      '913501 00M000 100Y43',
      '91-350100-M000100Y4-3',
    ]) {
      expect(found(`代码 ${written}`), written).toEqual([['uscc', written]]);
    }
    expect(find('统一社会信用代码 9135 0100 M000 100Y 43')[0]!.confidence).toBe(0.98);
    expect(find('统一社会信用代码 9135 0100 M000 100Y 44')).toEqual([]);
  });

  it('finds mobiles written 3-4-4 or 7-4 with spaces, dots or full-width spaces', () => {
    for (const written of [
      '138 1234 5678',
      '138.1234.5678',
      '138\u30001234\u30005678',
      '138·1234·5678',
      '1381234 5678',
      '1381234.5678',
      '1381234-5678',
    ]) {
      expect(find(`电话 ${written}`), written).toEqual([
        { detector: 'cn_mobile', found: written, confidence: 0.95 },
      ]);
    }
    expect(found('call +86 1381234 5678')).toEqual([['cn_mobile', '+86 1381234 5678']]);
    expect(found('call 0086.138.1234.5678')).toEqual([['cn_mobile', '0086.138.1234.5678']]);
  });

  it('finds no mobile in longer numbers, decimals, versions or other groupings', () => {
    expect(find('订单 138 1234 5678 0001')).toEqual([]);
    expect(find('订单 1381234 5678 9')).toEqual([]);
    expect(find('订单 12.138.1234.5678')).toEqual([]);
    expect(find('订单 138 12345 678')).toEqual([]);
    expect(find('订单 1381 234 5678')).toEqual([]);
    expect(find('金额 3.13812345678 元')).toEqual([]);
    expect(find('订单 2024051313812345678')).toEqual([]);
    expect(find('订单 128 1234 5678')).toEqual([]);
  });

  it('finds cards in groups of four or six, whatever the separator', () => {
    const unionPay = card('622202123456789012');
    for (const written of [
      '4111 1111 1111 1111',
      '4111.1111.1111.1111',
      '4111/1111/1111/1111',
      '4111·1111·1111·1111',
      '4111\u30001111\u30001111\u30001111',
      unionPay.replace(/(\d{4})(?=\d)/g, '$1 '),
      unionPay.replace(/(\d{6})(?=\d)/g, '$1 '),
      '411111 111111 1111',
    ]) {
      expect(find(`卡号 ${written}`), written).toEqual([
        { detector: 'bank_card', found: written, confidence: 0.9 },
      ]);
    }
  });

  it('finds 15-digit Amex, 14-digit Diners and UnionPay 81 cards, bare and as embossed', () => {
    for (const written of [
      AMEX,
      '3782 822463 10005',
      '3782 8224 6310 005',
      DINERS,
      '3056 930902 5904',
      '3056 9309 0259 04',
      DINERS_36,
      '38520000023237',
      UNIONPAY_81,
      '8171 9999 2766 0000',
      UNIONPAY_81_19,
      '8171 9999 0000 0000 021',
      UNIONPAY_62,
    ]) {
      expect(found(`card ${written}`), written).toEqual([['bank_card', written]]);
    }
  });

  it('ignores cards without a checksum or an issuer of their length, and unrelated digit runs', () => {
    expect(find('卡号 3782 822463 10006')).toEqual([]);
    expect(find('卡号 4111 1111 1111 1112')).toEqual([]);
    // 14 and 15 digits belong to Diners and Amex only; 81 beyond 8171 is not UnionPay's.
    expect(find(`卡号 ${card('4111111111111')} ${card('41000099999999')}`)).toEqual([]);
    expect(find(`卡号 ${card('818111111111111')} ${card('817299992766000')}`)).toEqual([]);
    // Order numbers, timestamps, dates, amounts, tables.
    expect(find('订单 2024 0501 1234 5678，时间 1714550400000 / 20240501123045')).toEqual([]);
    expect(find('日期 2024-05-01 10:30，金额 1,234.56，2024/05/01，2024.05.01')).toEqual([]);
    expect(find('数量 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20')).toEqual([]);
  });

  it('tells a 15-digit number that is both an old ID and an Amex number apart by the words near it', () => {
    let both = '';
    for (let seq = 100; seq < 1000 && !both; seq++) {
      const candidate = `370102850612${seq}`;
      if (luhnValid(candidate)) both = candidate;
    }
    expect(both).not.toBe('');
    expect(find(`编号 ${both}`).map((m) => m.detector)).toEqual(['cn_id_card']);
    expect(find(`信用卡 ${both}`).map((m) => m.detector)).toEqual(['bank_card']);
  });

  it('keeps IPv4 addresses whole and numbers after them apart', () => {
    expect(found('服务器 10.0.0.1 电话 138 1234 5678')).toEqual([
      ['ip_address', '10.0.0.1'],
      ['cn_mobile', '138 1234 5678'],
    ]);
  });

  it('reads a long run of groups in bounded pieces, a number continued on the left still not one', () => {
    const text = `${'12 '.repeat(15)}4111 1111 1111 1111`;
    expect(find(text)).toEqual([]);
    const longer = `${'12 '.repeat(40)}-- 4111 1111 1111 1111`;
    expect(found(longer)).toEqual([['bank_card', '4111 1111 1111 1111']]);
  });
});
