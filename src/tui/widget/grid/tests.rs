use super::*;

struct Letters;

impl GridContent for Letters {
    fn col_label(&self, col: usize, _: u16) -> Line<'static> {
        Line::raw(format!("C{col}"))
    }
    fn row_label(&self, row: usize, _: u16, _: u16) -> Vec<Line<'static>> {
        vec![Line::raw(format!("R{row}"))]
    }
    fn cell(&self, row: usize, col: usize, _: u16, _: u16) -> Vec<Line<'static>> {
        vec![Line::raw(format!("{row}{col}"))]
    }
}

fn shape(rows: usize, cols: usize) -> Shape {
    Shape {
        rows,
        cols,
        label_width: 3,
        min_col_width: 4,
        max_col_width: 6,
        max_row_height: 2,
    }
}

fn text(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let line: String = (area.left()..area.right())
                .map(|x| buf[(x, y)].symbol())
                .collect();
            line.trim_end().to_string()
        })
        .collect()
}

fn draw(layout: &GridLayout, cursor: (usize, usize)) -> Buffer {
    let mut buf = Buffer::empty(layout.area);
    Grid {
        layout,
        content: &Letters,
        cursor: Some((cursor, Style::default())),
        theme: Theme::new(false),
        row_noun: "row",
    }
    .render(layout.area, &mut buf);
    buf
}

#[test]
fn a_grid_that_fits_has_no_hints_and_tall_rows() {
    let layout = GridLayout::new(
        Rect::new(0, 0, 15, 5),
        shape(2, 2),
        (0, 0),
        Offset::default(),
    );
    assert_eq!((layout.row_height, layout.col_width), (2, 6));
    assert_eq!(
        text(&draw(&layout, (0, 0))),
        [
            "   │C0   │C1",
            "R0 │00   │01",
            "   │     │",
            "R1 │10   │11",
            "   │     │"
        ]
    );
}

#[test]
fn a_wide_grid_scrolls_to_the_cursor_and_says_what_is_hidden() {
    let area = Rect::new(0, 0, 21, 2);
    let layout = GridLayout::new(area, shape(1, 6), (0, 3), Offset::default());
    assert_eq!(layout.cols(), 2..4);
    assert_eq!(layout.hidden(), [0, 0, 2, 2]);
    assert_eq!(
        text(&draw(&layout, (0, 3))),
        ["◀ 2│C2 │C3   2 more ▶", "R0 │02 │03"]
    );
}

#[test]
fn a_tall_grid_scrolls_with_lines_for_the_hints() {
    let area = Rect::new(0, 0, 16, 6);
    let layout = GridLayout::new(area, shape(9, 1), (5, 0), Offset::default());
    assert!(layout.rows_scroll);
    assert_eq!(layout.rows(), 3..6);
    assert_eq!(layout.hidden(), [3, 3, 0, 0]);
    let text = text(&draw(&layout, (5, 0)));
    assert_eq!(text[0], "▲ 3 more rows");
    assert_eq!(text[2], "R3 │30");
    assert_eq!(text[5], "▼ 3 more rows");
}

#[test]
fn clicks_map_to_the_cells_in_sight() {
    let area = Rect::new(0, 1, 20, 5);
    let layout = GridLayout::new(area, shape(2, 2), (0, 0), Offset::default());
    assert_eq!(layout.cell_at(3, 2), Some((0, 0)));
    assert_eq!(layout.cell_at(10, 5), Some((1, 1)));
    assert_eq!(layout.cell_at(1, 2), None, "a row label");
    assert_eq!(layout.cell_at(4, 1), None, "a heading");
    assert_eq!(layout.cell_at(16, 2), None, "past the last column");
}

#[test]
fn the_offset_keeps_the_cursor_in_sight_and_leaves_no_blank_end() {
    assert_eq!(keep_visible(0, 7, 3, 10), 5);
    assert_eq!(keep_visible(5, 2, 3, 10), 2);
    assert_eq!(keep_visible(9, 9, 3, 10), 7);
    assert_eq!(keep_visible(4, 0, 0, 10), 0);
    assert_eq!(keep_visible(8, 1, 5, 3), 0);
}

#[test]
fn tiny_and_empty_areas_draw_without_panicking() {
    for (w, h) in [(0, 0), (1, 1), (3, 2), (5, 1)] {
        for (rows, cols) in [(0, 0), (3, 4), (1, 1)] {
            let area = Rect::new(0, 0, w, h);
            let layout = GridLayout::new(area, shape(rows, cols), (0, 0), Offset::default());
            draw(&layout, (0, 0));
        }
    }
}

#[test]
fn the_cursor_underlines_its_column_heading_and_its_row_label() {
    let layout = GridLayout::new(
        Rect::new(0, 0, 15, 5),
        shape(2, 2),
        (1, 1),
        Offset::default(),
    );
    let buf = draw(&layout, (1, 1));
    let modifiers = |rect: Option<Rect>| {
        let rect = rect.expect("in sight");
        buf[(rect.x, rect.y)].modifier
    };
    let cursor_col = modifiers(layout.col_label_rect(1));
    let other_col = modifiers(layout.col_label_rect(0));
    assert!(cursor_col.contains(Modifier::UNDERLINED));
    assert!(!other_col.contains(Modifier::UNDERLINED));
    let cursor_row = modifiers(layout.row_label_rect(1));
    let other_row = modifiers(layout.row_label_rect(0));
    assert!(cursor_row.contains(Modifier::BOLD | Modifier::UNDERLINED));
    assert!(other_row.is_empty());
    // Only the label's first line: the times, not the whole label.
    let rect = layout.row_label_rect(1).expect("in sight");
    if rect.height > 1 {
        assert!(buf[(rect.x, rect.y + 1)].modifier.is_empty());
    }
}
