export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  kind: 'employee' | 'external';
  status: 'active' | 'disabled';
  email: string | null;
  title: string | null;
  employee_no: string | null;
  office_phone: string | null;
  department_id: string | null;
  /** For external users: the counterparty organisation they represent. */
  counterparty_id: string | null;
  locale: 'zh-CN' | 'en-US';
  password_hash: string | null;
  /** 1 after an administrator sets a temporary password, until the user picks their own. */
  must_change_password: number;
  /** Lower-cased name, username, email, number, and the name's pinyin and initials, for search. */
  search_text: string;
  /** The name's pinyin, so lists sort the way a Chinese reader expects (按拼音排序). */
  sort_key: string;
  last_login_at: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Personal data (个人信息), each field AES-256-GCM encrypted; see FieldCipher. */
export interface UserPersonalTable {
  user_id: string;
  mobile_enc: string | null;
  address_enc: string | null;
  id_number_enc: string | null;
  emergency_contact_enc: string | null;
  updated_at: string;
}

export interface UsersTables {
  users: UsersTable;
  user_personal: UserPersonalTable;
}
