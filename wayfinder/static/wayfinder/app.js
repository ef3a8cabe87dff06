// Starts the NHS.UK frontend components (header menu, error summary focus, ...) on every page.
import { initAll } from '../nhsuk/nhsuk-frontend.min.js'

initAll()

// Live session big screen: as answers arrive, keep the suggested agreed level (the lowest answer) checked in
// the record-consensus form, until the facilitator picks a level themselves. Without JavaScript the page's
// "Refresh the answers" link does the same by reloading.
document.addEventListener('change', (event) => {
  const form = event.target.closest && event.target.closest('#consensus-form')
  if (form && event.target.name === 'level') form.dataset.keepChoice = 'true'
})
document.addEventListener('htmx:afterSwap', (event) => {
  const form = document.getElementById('consensus-form')
  const suggestion = event.target.querySelector && event.target.querySelector('[data-suggested-level]')
  if (!form || !suggestion || form.dataset.keepChoice) return
  const value = CSS.escape(suggestion.dataset.suggestedLevel)
  const radio = form.querySelector(`input[name="level"][value="${value}"]`)
  if (radio) radio.checked = true
})
