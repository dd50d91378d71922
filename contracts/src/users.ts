import { z } from 'zod';
import { Id, Locale, NewPassword, nameText, PageQuery, page, Str, Timestamp } from './common.ts';

export const USER_KINDS = ['employee', 'external'] as const;
export const UserKind = z.enum(USER_KINDS);
export type UserKind = z.infer<typeof UserKind>;

export const USER_STATUSES = ['active', 'disabled'] as const;
export const UserStatus = z.enum(USER_STATUSES);
export type UserStatus = z.infer<typeof UserStatus>;

export const Username = Str.trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'letters, digits, dot, underscore or hyphen; 2 to 64 characters');

const optionalText = (max: number) => Str.trim().max(max).nullable().optional();

export const RoleRef = z.object({ id: Id, key: z.string(), name: z.string() });
export type RoleRef = z.infer<typeof RoleRef>;

export const User = z
  .object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    kind: UserKind,
    status: UserStatus,
    email: z.string().nullable(),
    title: z.string().nullable(),
    employeeNo: z.string().nullable(),
    officePhone: z.string().nullable(),
    department: z.object({ id: Id, name: z.string() }).nullable(),
    /** The organisation an external user belongs to. */
    counterparty: z.object({ id: Id, name: z.string() }).nullable(),
    roles: z.array(RoleRef),
    locale: Locale,
    lastLoginAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const UserPage = page(User);
export type UserPage = z.infer<typeof UserPage>;

export const USER_SORTS = ['name', 'username', 'createdAt', 'lastLoginAt'] as const;

export const UserListQuery = PageQuery.extend({
  /** Matches name, username, email, employee number, and the pinyin or its initials (zs → 张三). */
  q: Str.trim().max(64).optional(),
  departmentId: Id.optional(),
  /** With departmentId: include people in its sub-departments (default true). */
  includeSubDepartments: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  roleKey: Str.max(40).optional(),
  status: UserStatus.optional(),
  kind: UserKind.optional(),
  counterpartyId: Id.optional(),
  sort: z.enum(USER_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
}).strict();
export type UserListQuery = z.infer<typeof UserListQuery>;

export const CreateUserRequest = z.strictObject({
  username: Username,
  displayName: nameText(64),
  kind: UserKind.default('employee'),
  email: z.email().max(254).nullable().optional(),
  title: optionalText(64),
  employeeNo: optionalText(32),
  officePhone: optionalText(32),
  departmentId: Id.nullable().optional(),
  /** Required for external users: the counterparty organisation they represent. */
  counterpartyId: Id.nullable().optional(),
  locale: Locale.optional(),
  /** Omit to have a temporary password generated and returned once. */
  password: NewPassword.optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UpdateUserRequest = z
  .strictObject({
    displayName: nameText(64),
    email: z.email().max(254).nullable(),
    title: optionalText(64),
    employeeNo: optionalText(32),
    officePhone: optionalText(32),
    departmentId: Id.nullable(),
    counterpartyId: Id.nullable(),
    locale: Locale,
    status: UserStatus,
  })
  .partial();
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const CreatedUser = z.object({
  user: User,
  /** Present when the server generated the password; shown once. */
  temporaryPassword: z.string().nullable(),
});
export type CreatedUser = z.infer<typeof CreatedUser>;

export const ResetPasswordResult = z.object({ temporaryPassword: z.string() });

/** Personal fields (个人信息): readable only by HR, administrators and the person themselves. */
export const PersonalInfo = z
  .object({
    mobile: z.string().nullable(),
    address: z.string().nullable(),
    idNumber: z.string().nullable(),
    emergencyContact: z.string().nullable(),
  })
  .meta({ id: 'PersonalInfo' });
export type PersonalInfo = z.infer<typeof PersonalInfo>;

export const UpdatePersonalInfoRequest = z
  .strictObject({
    mobile: Str.trim().max(32).nullable(),
    address: Str.trim().max(200).nullable(),
    idNumber: Str.trim()
      .toUpperCase()
      .regex(/^[0-9A-Z-]{6,32}$/)
      .nullable(),
    emergencyContact: Str.trim().max(100).nullable(),
  })
  .partial();
export type UpdatePersonalInfoRequest = z.infer<typeof UpdatePersonalInfoRequest>;

export const SetUserRolesRequest = z.strictObject({
  roleIds: z.array(Id).max(20),
});
export type SetUserRolesRequest = z.infer<typeof SetUserRolesRequest>;

/** The signed-in user's own profile: their record plus their personal fields. */
export const Profile = z.object({ user: User, personal: PersonalInfo }).meta({ id: 'Profile' });
export type Profile = z.infer<typeof Profile>;

export const UpdateProfileRequest = z.strictObject({
  locale: Locale.optional(),
  officePhone: optionalText(32),
  personal: UpdatePersonalInfoRequest.omit({ idNumber: true }).optional(),
});
export type UpdateProfileRequest = z.infer<typeof UpdateProfileRequest>;
