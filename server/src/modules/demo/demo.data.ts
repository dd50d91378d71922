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
  { username: 'deng.jianguo', name: '邓建国', title: '星河零售集团 采购总监', kind: 'external' },
  { username: 'cao.ying', name: '曹颖', title: '恒通物流 客户经理', kind: 'external' },
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
