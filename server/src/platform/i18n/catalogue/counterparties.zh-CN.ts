/** The counterparties module's server text: its error messages and notices. */
export const counterpartiesZhCN = {
  errors: {
    nameTaken: '「{{name}}」已登记。',
  },
};
