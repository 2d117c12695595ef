"""Colours and the application style sheet: one place for the workspace's look."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#2b5fb4"
TEXT = "#1f2328"
MUTED = "#6a737d"
BORDER = "#d6dbe1"
WINDOW = "#f4f6f9"
PANEL = "#ffffff"
DANGER = "#c62828"
DANGER_BG = "#fdecea"
WARNING = "#a85b00"
WARNING_BG = "#fff4e0"
SUCCESS = "#2e7d32"

SPEAKER_COLORS = {"manager": "#1f5fa8", "client": "#2e7d32", "unknown": "#5f6368"}
SPEAKER_LABELS = {"manager": "Менеджер", "client": "Клиент", "unknown": "Собеседник"}

# One colour per contract question, in the question set's order: (swatch / text, highlight background).
QUESTION_COLORS: tuple[tuple[str, str], ...] = (
    ("#b8860b", "#ffec99"),  # amber
    ("#8e24aa", "#ecd5f5"),  # purple
    ("#00838f", "#c8f0f3"),  # teal
    ("#d84315", "#ffd9c7"),  # orange
    ("#3949ab", "#d6dcff"),  # indigo
    ("#6d8b00", "#e6f5b8"),  # olive
)
CURRENT_WORD_BG = "#2b5fb4"
CURRENT_WORD_FG = "#ffffff"


def question_color(index: int) -> tuple[QColor, QColor]:
    """(strong, background) colours of the question at ``index``."""
    strong, soft = QUESTION_COLORS[index % len(QUESTION_COLORS)]
    return QColor(strong), QColor(soft)


STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {WINDOW}; }}
QToolBar {{ background: {PANEL}; border: none; border-bottom: 1px solid {BORDER}; spacing: 8px; padding: 4px 8px; }}
QStatusBar {{ background: {PANEL}; border-top: 1px solid {BORDER}; color: {MUTED}; }}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{ padding: 7px 16px; margin-right: 2px; border: none; color: {MUTED}; background: transparent; }}
QTabBar::tab:selected {{ color: {TEXT}; border-bottom: 2px solid {ACCENT}; font-weight: 600; }}
QTableView, QTreeView, QTextEdit, QListView {{
    background: {PANEL}; border: 1px solid {BORDER}; border-radius: 6px;
    selection-background-color: #dbe7fb; selection-color: {TEXT};
}}
QTableView {{ gridline-color: transparent; alternate-background-color: #f8f9fb; }}
QHeaderView::section {{
    background: {PANEL}; color: {MUTED}; border: none; border-bottom: 1px solid {BORDER};
    padding: 6px 8px; font-weight: 600;
}}
QFrame#Card, QFrame#QuestionCard {{ background: {PANEL}; border: 1px solid {BORDER}; border-radius: 8px; }}
QFrame#FlagBanner {{ background: {DANGER_BG}; border: 1px solid #f3b3ad; border-radius: 8px; }}
QLabel#Title {{ font-size: 16pt; font-weight: 600; color: {TEXT}; }}
QLabel#Section {{ font-size: 11pt; font-weight: 600; color: {TEXT}; }}
QLabel#Muted {{ color: {MUTED}; }}
QLabel#FieldName {{ color: {MUTED}; }}
QLabel#Empty {{ color: {MUTED}; font-size: 12pt; }}
QPushButton {{
    background: {PANEL}; border: 1px solid {BORDER}; border-radius: 6px; padding: 5px 12px;
}}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton#Primary {{ background: {ACCENT}; color: white; border-color: {ACCENT}; font-weight: 600; }}
QComboBox, QDateEdit, QLineEdit {{
    background: {PANEL}; border: 1px solid {BORDER}; border-radius: 6px; padding: 4px 8px; min-height: 20px;
}}
QComboBox:disabled, QDateEdit:disabled, QLineEdit:disabled, QDoubleSpinBox:disabled {{
    background: {WINDOW}; color: #a0a6ad; border-color: #e3e6ea;
}}
QCalendarWidget QTableView {{ border: none; border-radius: 0px; }}
QProgressBar {{ border: 1px solid {BORDER}; border-radius: 5px; background: {PANEL}; text-align: center; height: 16px; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 4px; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
"""


def apply(app: QApplication) -> None:
    """Fusion, a light palette, a font with Cyrillic, and the style sheet."""
    app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(WINDOW))
    palette.setColor(QPalette.ColorRole.Base, QColor(PANEL))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f8f9fb"))
    palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Button, QColor(PANEL))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#dbe7fb"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor(PANEL))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor(TEXT))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setFamilies(["Noto Sans", "DejaVu Sans", "Segoe UI", "Arial"])
    font.setPointSize(10)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
