/**
 * The demo company (演示公司): the departments named in the source documents, about thirty people
 * across every built-in role, a head and a liaison per department, and a few cross-department
 * teams. Names are fictitious.
 */
export interface DemoDepartment {
  code: string;
  name: string;
  parent?: string;
  description: string;
}

export interface DemoPerson {
  username: string;
  name: string;
  title: string;
  department?: string;
  /** Roles beyond the default employee role. */
  roles?: string[];
  head?: boolean;
  liaison?: boolean;
  kind?: 'employee' | 'external';
  /** For external users: the name of their organisation in DEMO_COUNTERPARTIES. */
  counterparty?: string;
  mobile?: string;
  address?: string;
}

export interface DemoTeam {
  name: string;
  kind: 'team' | 'project';
  department: string;
  owner: string;
  members: string[];
  description: string;
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { code: 'GMO', name: '总经办', description: '公司战略、重大事项决策与对外形象' },
  { code: 'MKT', name: '市场部', description: '品牌、市场活动与媒体沟通' },
  { code: 'SAL', name: '销售部', description: '客户开发、合同与客户关系维护' },
  { code: 'PUR', name: '采购部', description: '供应商管理与采购执行' },
  { code: 'LEG', name: '法务部', description: '合同审核、合规与法律风险' },
  { code: 'ADM', name: '行政部', description: '行政后勤、会议与公文' },
  { code: 'HR', name: '人力资源部', description: '招聘、员工关系与员工档案' },
  { code: 'IT', name: '信息部', description: '信息系统建设、运维与信息安全' },
  { code: 'IT-DEV', name: '软件开发组', parent: 'IT', description: '业务系统开发' },
  { code: 'IT-OPS', name: '运维组', parent: 'IT', description: '基础设施与系统运维' },
  { code: 'IT-SEC', name: '信息安全组', parent: 'IT', description: '安全策略与数据保护' },
];

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    username: 'zhang.wei',
    name: '张伟',
    title: '总经理',
    department: 'GMO',
    roles: ['senior_leadership'],
    head: true,
    mobile: '13800000001',
    address: '上海市浦东新区世纪大道100号',
  },
  { username: 'li.na', name: '李娜', title: '副总经理', department: 'GMO', roles: ['senior_leadership'] },
  {
    username: 'wang.fang',
    name: '王芳',
    title: '总经办主任',
    department: 'GMO',
    roles: ['liaison'],
    liaison: true,
  },
  {
    username: 'liu.yang',
    name: '刘洋',
    title: '市场总监',
    department: 'MKT',
    roles: ['department_head'],
    head: true,
  },
  {
    username: 'chen.jing',
    name: '陈静',
    title: '品牌经理',
    department: 'MKT',
    roles: ['liaison'],
    liaison: true,
  },
  { username: 'yang.fan', name: '杨帆', title: '市场专员', department: 'MKT' },
  {
    username: 'zhao.lei',
    name: '赵磊',
    title: '销售总监',
    department: 'SAL',
    roles: ['department_head'],
    head: true,
  },
  {
    username: 'huang.li',
    name: '黄丽',
    title: '大客户经理',
    department: 'SAL',
    roles: ['liaison'],
    liaison: true,
  },
  { username: 'zhou.jie', name: '周杰', title: '销售经理', department: 'SAL' },
  { username: 'wu.min', name: '吴敏', title: '销售代表', department: 'SAL', mobile: '13900000002' },
  {
    username: 'xu.qiang',
    name: '徐强',
    title: '采购经理',
    department: 'PUR',
    roles: ['department_head'],
    head: true,
  },
  {
    username: 'sun.yue',
    name: '孙悦',
    title: '采购专员',
    department: 'PUR',
    roles: ['liaison'],
    liaison: true,
  },
  {
    username: 'ma.chao',
    name: '马超',
    title: '法务总监',
    department: 'LEG',
    roles: ['department_head', 'compliance_officer'],
    head: true,
  },
  {
    username: 'zhu.lin',
    name: '朱琳',
    title: '合规专员',
    department: 'LEG',
    roles: ['liaison', 'compliance_officer'],
    liaison: true,
  },
  {
    username: 'hu.bin',
    name: '胡斌',
    title: '行政经理',
    department: 'ADM',
    roles: ['department_head'],
    head: true,
  },
  {
    username: 'guo.ting',
    name: '郭婷',
    title: '行政专员',
    department: 'ADM',
    roles: ['liaison'],
    liaison: true,
  },
  {
    username: 'he.jing',
    name: '何静',
    title: '人力资源总监',
    department: 'HR',
    roles: ['department_head', 'hr'],
    head: true,
  },
  {
    username: 'gao.xiang',
    name: '高翔',
    title: 'HRBP',
    department: 'HR',
    roles: ['liaison', 'hr'],
    liaison: true,
  },
  {
    username: 'lin.feng',
    name: '林峰',
    title: '信息部经理',
    department: 'IT',
    roles: ['department_head'],
    head: true,
  },
  { username: 'luo.min', name: '罗敏', title: '系统管理员', department: 'IT', roles: ['system_admin'] },
  {
    username: 'zheng.hao',
    name: '郑浩',
    title: 'IT 服务台',
    department: 'IT',
    roles: ['liaison'],
    liaison: true,
  },
  {
    username: 'liang.yu',
    name: '梁宇',
    title: '开发组长',
    department: 'IT-DEV',
    roles: ['department_head'],
    head: true,
  },
  {
    username: 'xie.ting',
    name: '谢婷',
    title: '前端工程师',
    department: 'IT-DEV',
    roles: ['liaison'],
    liaison: true,
  },
  { username: 'song.tao', name: '宋涛', title: '后端工程师', department: 'IT-DEV' },
  {
    username: 'tang.liang',
    name: '唐亮',
    title: '运维组长',
    department: 'IT-OPS',
    roles: ['department_head'],
    head: true,
  },
  {
    username: 'han.xue',
    name: '韩雪',
    title: '运维工程师',
    department: 'IT-OPS',
    roles: ['liaison'],
    liaison: true,
  },
  {
    username: 'feng.gang',
    name: '冯刚',
    title: '安全组长',
    department: 'IT-SEC',
    roles: ['department_head'],
    head: true,
  },
  {
    username: 'shan.xiaoyu',
    name: '单晓雨',
    title: '安全工程师',
    department: 'IT-SEC',
    roles: ['liaison'],
    liaison: true,
  },
  {
    username: 'deng.jianguo',
    name: '邓建国',
    title: '采购总监',
    kind: 'external',
    counterparty: '星河零售集团',
  },
  { username: 'cao.ying', name: '曹颖', title: '客户经理', kind: 'external', counterparty: '恒通物流' },
];

export const DEMO_TEAMS: DemoTeam[] = [
  {
    name: 'CRM升级项目组',
    kind: 'project',
    department: 'IT',
    owner: 'lin.feng',
    members: ['liang.yu', 'song.tao', 'xie.ting', 'huang.li', 'zhou.jie'],
    description: '客户关系管理系统升级，销售部与信息部协同推进',
  },
  {
    name: '年中大促推进组',
    kind: 'project',
    department: 'MKT',
    owner: 'liu.yang',
    members: ['chen.jing', 'yang.fan', 'zhao.lei', 'wu.min'],
    description: '年中促销活动的策划、执行与复盘',
  },
  {
    name: '供应商评审小组',
    kind: 'team',
    department: 'PUR',
    owner: 'xu.qiang',
    members: ['sun.yue', 'zhu.lin', 'ma.chao'],
    description: '供应商准入、年度评审与保密协议审核',
  },
  {
    name: '新闻发言组',
    kind: 'team',
    department: 'GMO',
    owner: 'li.na',
    members: ['wang.fang', 'chen.jing', 'ma.chao'],
    description: '对外口径统一、新闻稿审核与媒体采访准备',
  },
];

export const DEMO_COUNTERPARTIES = [
  { name: '星河零售集团', kind: 'customer', description: '战略客户，全国连锁零售' },
  { name: '恒通物流', kind: 'supplier', description: '仓储与干线物流供应商' },
  { name: '华新科技', kind: 'partner', description: 'CRM 系统实施合作伙伴' },
  { name: '市场监督管理局', kind: 'government', description: '属地监管部门' },
] as const;

export interface DemoChannel {
  kind: 'department' | 'team' | 'all_hands' | 'external' | 'direct';
  name?: string;
  /** Department code, team name or counterparty name, by kind. */
  of?: string;
  owner: string;
  members?: string[];
  topic?: string;
  /** Messages in order: who, what, and optionally a reply to the message with this index. */
  messages: { from: string; body: string; replyTo?: number; pin?: boolean }[];
}

export const DEMO_CHANNELS: DemoChannel[] = [
  {
    kind: 'all_hands',
    name: '华联科技全员群',
    owner: 'wang.fang',
    topic: '公司通知与重要事项，仅管理员与授权人员发言',
    messages: [
      {
        from: 'wang.fang',
        body: '【通知】本周五下午3点公司消防演练，请各部门提前安排好工作，听到警报后按疏散路线到园区广场集合。',
        pin: true,
      },
      { from: 'zhang.wei', body: '上半年经营情况总结会定于下月初召开，各部门负责人请准备汇报材料。@所有人' },
    ],
  },
  {
    kind: 'department',
    name: '市场部-日常工作群',
    of: 'MKT',
    owner: 'liu.yang',
    messages: [
      { from: 'liu.yang', body: '各位，下周一上午10点开月度市场例会，请 @chen.jing 准备品牌活动复盘材料。' },
      { from: 'chen.jing', body: '收到，周五前把年中大促的复盘报告发群里。', replyTo: 0 },
      { from: 'yang.fan', body: '新品发布会的场地合同已经提交法务部审核，预计本周三有结果。' },
      { from: 'liu.yang', body: '好的，媒体邀请名单也请同步给新闻发言组，对外口径以总经办审核版本为准。' },
    ],
  },
  {
    kind: 'department',
    name: '销售部-日常工作群',
    of: 'SAL',
    owner: 'zhao.lei',
    messages: [
      { from: 'zhao.lei', body: '本月回款目标完成率82%，请大家重点跟进星河零售集团的续约。' },
      { from: 'huang.li', body: '星河那边已约好下周二线上会议，续约方案和报价单我今天整理。' },
    ],
  },
  {
    kind: 'department',
    name: '信息部-日常工作群',
    of: 'IT',
    owner: 'lin.feng',
    messages: [{ from: 'han.xue', body: '今晚22:00-23:00进行邮件服务器维护，期间邮件可能延迟，请知悉。' }],
  },
  {
    kind: 'team',
    name: 'CRM升级项目组-推进群',
    of: 'CRM升级项目组',
    owner: 'lin.feng',
    messages: [
      { from: 'lin.feng', body: 'CRM系统升级v2.0计划下月上线，请 @liang.yu 本周内完成数据迁移方案。' },
      { from: 'liang.yu', body: '迁移方案初稿已完成，客户数据清洗规则需要销售部确认。', replyTo: 0 },
      { from: 'huang.li', body: '我来对接，明天下午和 @zhou.jie 一起过一遍客户分级字段。' },
    ],
  },
  {
    kind: 'external',
    name: '星河零售集团-项目沟通群',
    of: '星河零售集团',
    owner: 'huang.li',
    members: ['zhao.lei', 'zhou.jie', 'deng.jianguo'],
    topic: '与星河零售集团采购部的日常沟通',
    messages: [
      { from: 'huang.li', body: '邓总您好，新一季的供货方案已经整理好，稍后发您确认。' },
      { from: 'deng.jianguo', body: '好的，我们采购部下周二可以安排一次线上会议，讨论续约合同条款。' },
      { from: 'zhao.lei', body: '感谢邓总，会议邀请我们今天发出。' },
    ],
  },
  {
    kind: 'external',
    name: '恒通物流-物流协调群',
    of: '恒通物流',
    owner: 'sun.yue',
    members: ['xu.qiang', 'cao.ying'],
    messages: [
      { from: 'sun.yue', body: '曹经理，下周华东仓的入库计划有调整，明细表已更新。' },
      { from: 'cao.ying', body: '收到，我们安排车辆，周一上午前确认到货时间。' },
    ],
  },
  {
    kind: 'direct',
    owner: 'liu.yang',
    members: ['chen.jing'],
    messages: [
      { from: 'liu.yang', body: '发布会的预算表我看了，差旅部分再压缩一下。' },
      { from: 'chen.jing', body: '好的，下午给您新版本。' },
    ],
  },
];

/** Custom detectors of the demo company's communication control (沟通控制). */
export const DEMO_DETECTORS = [
  {
    name: '机密关键词',
    description: '公司内部机密事项用语，对外发送前需要确认',
    type: 'keywords' as const,
    terms: [
      '投标底价',
      '底价',
      '未公开财报',
      '财务预测',
      '薪酬方案',
      '客户名单',
      '源代码',
      '并购计划',
      '内部定价',
      'roadmap draft',
      'unreleased earnings',
      'source code',
      'price floor',
    ],
  },
  {
    name: '广告与刷屏用语',
    description: '内部群聊中的广告、兼职与推销信息',
    type: 'keywords' as const,
    terms: ['加微信', '代开发票', '刷单', '兼职日结', '免费领取', '点击领取', '低价代购'],
  },
];

/**
 * The demo company's policies: personal data and confidential content toward counterparties, and
 * hygiene in internal groups. Rules name detectors by built-in key or by DEMO_DETECTORS name.
 */
export const DEMO_POLICIES = [
  {
    name: '个人信息对外保护',
    description: '对外群聊中的身份证号、银行卡号与手机号',
    scope: { direction: 'external' as const },
    rules: [
      { name: '身份证号码', detectors: ['cn_id_card'], minConfidence: 0.8, action: 'block' as const },
      { name: '银行卡号', detectors: ['bank_card'], minConfidence: 0.8, action: 'hold' as const },
      { name: '手机号码', detectors: ['cn_mobile'], minConfidence: 0.5, action: 'audit' as const },
    ],
  },
  {
    name: '机密信息外发管控',
    description: '机密关键词需确认并说明理由；标注密级的内容不得对外发送',
    scope: { direction: 'external' as const },
    rules: [
      {
        name: '机密关键词',
        detectors: ['机密关键词'],
        action: 'warn' as const,
        requireJustification: true,
      },
      { name: '密级标识', detectors: ['classification'], minConfidence: 0.8, action: 'block' as const },
    ],
  },
  {
    name: '内部群聊规范',
    description: '内部群聊中的广告与重复刷屏',
    scope: { direction: 'internal' as const },
    rules: [
      { name: '广告信息', detectors: ['广告与刷屏用语'], action: 'block' as const },
      {
        name: '重复刷屏',
        behaviour: { kind: 'repetition' as const, maxRepeats: 3, windowSeconds: 300 },
        action: 'warn' as const,
      },
    ],
  },
  {
    name: '全员群信息保密',
    description: '标注密级的内容发到全员群前由合规审核',
    scope: { direction: 'internal' as const, channelKinds: ['all_hands' as const] },
    rules: [
      { name: '全员群密级内容', detectors: ['classification'], minConfidence: 0.8, action: 'hold' as const },
    ],
  },
];

export interface DemoTask {
  title: string;
  description?: string;
  creator: string;
  assignee?: string;
  team?: string;
  collaborators?: string[];
  /** Due this many working hours after the demo is seeded. */
  dueInWorkingHours?: number;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  checklist?: { text: string; done?: boolean }[];
  nextStep?: string;
  replies?: { from: string; body: string; status?: 'todo' | 'in_progress' | 'blocked' | 'done' }[];
}

/** Work in flight at the demo company: something on every column of the board. */
export const DEMO_TASKS: DemoTask[] = [
  {
    title: '准备双十二活动方案',
    description: '包括预算、投放渠道、时间表和风险预案，周五前提交刘洋审核。',
    creator: 'liu.yang',
    assignee: 'chen.jing',
    collaborators: ['yang.fan'],
    dueInWorkingHours: 20,
    priority: 'high',
    checklist: [{ text: '预算表', done: true }, { text: '渠道清单' }, { text: '时间表' }],
    nextStep: '周三与销售部对齐渠道返利',
    replies: [{ from: 'chen.jing', body: '预算表已完成，渠道清单整理中。', status: 'in_progress' }],
  },
  {
    title: '媒体邀约名单确认',
    creator: 'liu.yang',
    assignee: 'yang.fan',
    dueInWorkingHours: 3,
    priority: 'urgent',
    nextStep: '电话确认三家主流媒体',
  },
  {
    title: '大促复盘会材料',
    description: '每人准备本组复盘要点，汇总到共享文档。',
    creator: 'liu.yang',
    team: '年中大促推进组',
    dueInWorkingHours: 40,
  },
  {
    title: '星河零售年度合同续签',
    creator: 'zhao.lei',
    assignee: 'huang.li',
    collaborators: ['zhou.jie'],
    dueInWorkingHours: 64,
    priority: 'high',
    replies: [{ from: 'huang.li', body: '等待法务部审核合同条款。', status: 'blocked' }],
    nextStep: '法务部审核后安排签约',
  },
  {
    title: 'CRM 数据迁移演练',
    creator: 'lin.feng',
    assignee: 'song.tao',
    dueInWorkingHours: 80,
    checklist: [{ text: '导出旧系统数据', done: true }, { text: '映射字段' }, { text: '演练并记录问题' }],
  },
  {
    title: '更新员工手册（信息安全章节）',
    creator: 'lin.feng',
    assignee: 'tang.liang',
    priority: 'low',
    replies: [{ from: 'tang.liang', body: '已完成并发布到知识库。', status: 'done' }],
  },
];

export interface DemoRequest {
  from: string;
  to: string;
  by: string;
  title: string;
  body: string;
  priority?: 'normal' | 'urgent';
  response?: { from: string; body: string };
}

/** Cross-department requests: one waiting on 法务部, one answered, one urgent. */
export const DEMO_REQUESTS: DemoRequest[] = [
  {
    from: 'MKT',
    to: 'LEG',
    by: 'chen.jing',
    title: '审核双十二活动合作协议',
    body: '附件为与星河零售的联合营销协议草案，请法务部审核排他条款和违约责任。',
  },
  {
    from: 'SAL',
    to: 'LEG',
    by: 'huang.li',
    title: '星河零售合同续签条款审核',
    body: '客户要求把账期从 60 天延长到 90 天，请评估风险。',
    response: { from: 'zhu.lin', body: '已收到，明天下午前给出书面意见。' },
  },
  {
    from: 'PUR',
    to: 'IT',
    by: 'sun.yue',
    title: '供应商门户账号开通',
    body: '恒通物流需要三个供应商门户账号，用于对账。',
    priority: 'urgent',
  },
];

export interface DemoAnnouncement {
  category: 'general' | 'notice' | 'event' | 'policy';
  title: string;
  bodyHtml: string;
  department: string;
  by: string;
  owner: string;
  audience: { everyone?: boolean; departments?: string[] };
  requiresAck?: boolean;
  /** Acknowledgement due this many working hours after seeding. */
  ackInWorkingHours?: number;
  pinned?: boolean;
  importance?: 'normal' | 'important' | 'major';
  /** Who approves it (left waiting in their 审批 inbox when absent). */
  approvedBy?: string;
  readBy?: string[];
}

/** A feed with something in it, and one notice waiting for 何静's approval. */
export const DEMO_ANNOUNCEMENTS: DemoAnnouncement[] = [
  {
    category: 'general',
    title: '公司年会时间确定',
    bodyHtml: '<p>2026年度公司年会定于<strong>2027年1月22日</strong>举行，地点另行通知。</p>',
    department: 'GMO',
    by: 'wang.fang',
    owner: 'wang.fang',
    audience: { everyone: true },
    pinned: true,
    readBy: ['liu.yang', 'zhao.lei'],
  },
  {
    category: 'notice',
    title: '关于年度体检安排的通知',
    bodyHtml:
      '<p>各位同事：</p><p>2026年度员工体检将于12月上旬进行，请于截止时间前在系统中<strong>确认已读</strong>并完成预约。</p><ul><li>体检机构：美年大健康（浦东分院）</li><li>携带身份证，空腹</li></ul>',
    department: 'HR',
    by: 'gao.xiang',
    owner: 'gao.xiang',
    audience: { everyone: true },
    requiresAck: true,
    ackInWorkingHours: 24,
    importance: 'important',
    approvedBy: 'he.jing',
    readBy: ['chen.jing'],
  },
  {
    category: 'policy',
    title: '差旅费用报销制度（修订）',
    bodyHtml: '<p>自2027年1月1日起，国内差旅住宿标准按城市分级执行，详见附件制度全文。</p>',
    department: 'HR',
    by: 'gao.xiang',
    owner: 'he.jing',
    audience: { departments: ['MKT', 'SAL'] },
    requiresAck: true,
    ackInWorkingHours: 40,
  },
];
