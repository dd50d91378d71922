/** Server text of the retention module (en-US mirrors these keys). */
export const retentionZhCN = {
  errors: {
    holdReleased: '该保全已解除。',
  },
  nouns: {
    legalHold: '法律保全',
    archive: '归档文件',
  },
};
