"""D family: identity numbers (GB 11643-1999 check character) and mobile numbers, masked."""

import pytest

from lawlint.plugins.privacy import id_check_character, mask_id, mask_mobile, valid_id_number

# Built with the check character computed by hand from the GB 11643-1999 weights
# (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, remainder → 1 0 X 9 8 7 6 5 4 3 2).
VALID_ID = "11010519491231002X"  # the standard's own sample number
VALID_ID_2 = "50010619900307123" + id_check_character("50010619900307123")


def test_check_character_of_the_standard_sample():
    assert id_check_character("11010519491231002") == "X"
    assert valid_id_number(VALID_ID) and valid_id_number(VALID_ID.lower())
    assert not valid_id_number("110105194912310021")


def test_a_valid_identity_number_fires_and_is_masked(lint):
    text = f"当事人王某（身份证号{VALID_ID}）申请法律援助。"
    (diag,) = lint(text, select="D")
    assert diag.code == "D101" and text[diag.start:diag.end] == VALID_ID
    assert "110105********002X" in diag.message and VALID_ID not in diag.message


@pytest.mark.parametrize("text", [
    "身份证号110105194912310021（校验位不对）",
    "合同编号2023110105194912310021X",
    f"账号6{VALID_ID_2}",
    "案号（2023）渝0106民初12345号",
    "涉及金额546.54万元",
])
def test_other_long_numbers_stay_silent(lint, text):
    assert [d for d in lint(text, select="D101")] == []


@pytest.mark.parametrize("text, masked", [
    ("联系人张某，电话13812345678。", "138****5678"),
    ("手机：139-1234-5678", "139****5678"),
    ("手机 150 1234 5678 转", "150****5678"),
    ("电话１３８１２３４５６７８", "138****5678"),
])
def test_mobile_numbers_fire_masked(lint, text, masked):
    (diag,) = lint(text, select="D")
    assert diag.code == "D102" and masked in diag.message
    assert mask_mobile(text[diag.start:diag.end]) == masked


@pytest.mark.parametrize("text", [
    "请拨打12348公共法律服务热线",
    "办公电话023-12345678",
    "预算13500000000元",
    "编号213812345678",
    "13812345678.5",
    "统一社会信用代码91500106MA5U12345X",
    "12345678901",
])
def test_non_mobile_numbers_stay_silent(lint, text):
    assert lint(text, select="D102") == []


def test_fullwidth_identity_number(lint):
    wide = VALID_ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    (diag,) = lint(f"身份证号{wide}", select="D101")
    assert "110105********002X" in diag.message


def test_mask_id():
    assert mask_id(VALID_ID) == "110105********002X"


def test_the_seeds_have_no_personal_numbers(lint):
    from conftest import SEEDS

    for path in sorted(SEEDS.glob("*.txt")):
        assert lint(path.read_text(encoding="utf-8"), select="D") == []
