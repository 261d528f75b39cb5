import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';

export interface Column<Row> {
  key: string;
  label: string;
  render: (row: Row) => React.ReactNode;
}

/** A column in one line: its key, header label and cell. */
export const column = <Row,>(
  key: string,
  label: string,
  render: (row: Row) => React.ReactNode
): Column<Row> => ({ key, label, render });

/** A design-system table of rows; an empty list shows `empty` instead. */
export const DataTable = <Row,>({
  columns,
  rows,
  rowKey,
  empty,
}: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  empty: string;
}) => {
  if (rows.length === 0) return <Typography>{empty}</Typography>;
  return (
    <Table colCount={columns.length} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          {columns.map((column) => (
            <Th key={column.key}>
              <Typography variant="sigma">{column.label}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={rowKey(row)}>
            {columns.map((column) => (
              <Td key={column.key}>{column.render(row)}</Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
