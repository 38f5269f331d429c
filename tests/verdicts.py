"""What the exercise-check tests share: run a check and read the verdict a reader would see."""


def verdict_of(check, answer):
    """(did the answer pass?, the message shown under the cell) for ``check(answer)``."""
    verdict = check(answer)
    return verdict.ok, repr(verdict)


def fails_with(verdict, *words):
    """Assert that ``verdict`` is a failure, shown with ❌, whose message names every word."""
    assert not verdict.ok, verdict.message
    message = repr(verdict)
    assert message.startswith("❌")
    for word in words:
        assert word in message, message
