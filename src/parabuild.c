/* The paragraph builder of the text and Markdown readers (parabuild.h). */
#include "parabuild.h"
#include "label.h"

void pb_init(parabuild *p, podfmt_doc *doc, bool *oom)
{
    podfmt_buf_init(&p->para);
    p->doc = doc;
    p->time = PODFMT_NO_TIME;
    p->item = 0;
    p->open = false;
    p->one = NULL;
    p->one_n = 0;
    p->borrow = false;
    p->block = -1;
    p->kind = PODFMT_BLOCK_NOTE;
    p->speaker = -1;
    p->oom = oom;
}

void pb_free(parabuild *p)
{
    podfmt_buf_free(&p->para);
}

void pb_flush(parabuild *p)
{
    if (!p->open)
        return;
    if (p->block >= 0) {
        size_t before = p->doc->n_segments;
        const char *t = p->one ? p->one : p->para.data;
        size_t n = p->one ? p->one_n : p->para.len;
        if (podfmt_doc_add_segment(p->doc, t, n, p->time, PODFMT_NO_TIME) != 0)
            *p->oom = true;
        podfmt_doc_set_item(p->doc, before, p->item);
    }
    p->item = 0;
    p->para.len = 0;
    p->one = NULL;
    p->open = false;
    p->time = PODFMT_NO_TIME;
}

void pb_open_block(parabuild *p, podfmt_block_kind kind, int speaker)
{
    pb_flush(p);
    p->block = podfmt_doc_add_block(p->doc, kind, speaker);
    p->kind = kind;
    p->speaker = speaker;
    if (p->block < 0)
        *p->oom = true;
}

void pb_own(parabuild *p)
{
    if (!p->one)
        return;
    podfmt_buf_put(&p->para, p->one, p->one_n);
    p->one = NULL;
    if (p->para.failed)
        *p->oom = true;
}

/* The open segment's first line: kept as given when borrowing, else
 * copied. */
static void pb_start(parabuild *p, const char *s, size_t n)
{
    if (p->borrow) {
        p->one = s;
        p->one_n = n;
        return;
    }
    podfmt_buf_put(&p->para, s, n);
}

void pb_add(parabuild *p, const char *s, size_t n, int64_t time, int join)
{
    if (n == 0)
        return;
    if (p->open && p->para.len == 0 && !p->one) { /* a time waits for its text */
        pb_start(p, s, n);
        if (time != PODFMT_NO_TIME)
            p->time = time;
        return;
    }
    if (p->open && time == PODFMT_NO_TIME &&
        (join == PB_SOFT ||
         (join == PB_IF_GOES_ON &&
          !ends_with_punct(p->one ? p->one : p->para.data,
                           p->one ? p->one_n : p->para.len) &&
          starts_lowercase(s, n)))) {
        pb_own(p);
        podfmt_buf_putc(&p->para, ' ');
        podfmt_buf_put(&p->para, s, n);
        return;
    }
    pb_flush(p);
    pb_start(p, s, n);
    p->open = true;
    p->time = time;
    if (p->para.failed)
        *p->oom = true;
}

void pb_pend_time(parabuild *p, int64_t time)
{
    pb_flush(p);
    p->time = time;
    p->open = true;
}
